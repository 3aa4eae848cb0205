import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal, SessionOnly } from '../common/principal';
import { AccountLifecycle } from './account-lifecycle.service';
import { ApiTokenPage, InvitationPage, RequestAcceptedResponse, UserPage, UserResponse } from './accounts.responses';
import { ApiTokens } from './api-tokens.service';
import { SecondFactors } from './second-factor.service';
import { InvitationsQuery, InviteUserDto, UpdateUserDto, UsersQuery } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly lifecycle: AccountLifecycle,
    private readonly secondFactors: SecondFactors,
    private readonly apiTokens: ApiTokens,
  ) {}

  /** An agency's users: its focal points see their own agency's, the secretariat every agency's. */
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: UsersQuery): Promise<UserPage> {
    return this.users.list(user, query);
  }

  /** Change role, deactivate (`active: false`: sessions and sockets end at once) or reactivate. */
  @Patch(':id')
  update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() change: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(user, id, change);
  }

  /** Removes the second factor of a user who lost it (their sessions end); audited. */
  @Post(':id/second-factor/reset')
  @HttpCode(204)
  resetSecondFactor(@CurrentUser() user: Principal, @UuidParam() id: string, @Req() request: Request): Promise<void> {
    return this.secondFactors.reset(user, id, request.ip);
  }

  /** 202 with the same body whether or not the address already has an account. */
  @Post('invitations')
  @HttpCode(202)
  invite(@CurrentUser() user: Principal, @Body() invitation: InviteUserDto, @Req() request: Request): Promise<RequestAcceptedResponse> {
    return this.lifecycle.invite(user, invitation, request.ip);
  }

  /** An agency's invitations not yet accepted, revoked or expired. */
  @Get('invitations')
  invitations(@CurrentUser() user: Principal, @Query() query: InvitationsQuery): Promise<InvitationPage> {
    return this.lifecycle.listInvitations(user, query.agency);
  }

  /** Withdraws a pending invitation: its link stops working. */
  @Delete('invitations/:id')
  @HttpCode(204)
  revokeInvitation(@CurrentUser() user: Principal, @UuidParam() id: string, @Req() request: Request): Promise<void> {
    return this.lifecycle.revokeInvitation(user, id, request.ip);
  }

  /** A user's API tokens, for their agency's focal points and the secretariat (a signed-in session only). */
  @SessionOnly()
  @Get(':id/api-tokens')
  listApiTokens(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<ApiTokenPage> {
    return this.apiTokens.listFor(user, id);
  }

  @SessionOnly()
  @Delete(':id/api-tokens/:tokenId')
  @HttpCode(204)
  revokeApiToken(@CurrentUser() user: Principal, @UuidParam() id: string, @UuidParam('tokenId') tokenId: string): Promise<void> {
    return this.apiTokens.revokeFor(user, id, tokenId);
  }
}
