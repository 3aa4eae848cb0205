import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal, SessionOnly } from '../common/principal';
import { ApiTokenPage, CreatedApiTokenResponse } from './accounts.responses';
import { CreateApiTokenDto } from './api-tokens.dto';
import { ApiTokens } from './api-tokens.service';

/** A signed-in session makes, lists and revokes tokens: a token never mints another token. */
@ApiTags('api tokens')
@SessionOnly()
@Controller('me/api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokens) {}

  @Get()
  list(@CurrentUser() user: Principal): Promise<ApiTokenPage> {
    return this.tokens.list(user);
  }

  @Post()
  create(@CurrentUser() user: Principal, @Body() request: CreateApiTokenDto): Promise<CreatedApiTokenResponse> {
    return this.tokens.create(user, request);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<void> {
    return this.tokens.revoke(user, id);
  }
}
