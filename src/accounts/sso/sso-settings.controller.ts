import { Body, Controller, Delete, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { UuidParam } from '../../common/params';
import { CurrentUser, type Principal } from '../../common/principal';
import { SsoSettings } from './sso-settings.service';
import { AgencySsoDto } from './sso.dto';
import { AgencySsoResponse, SsoConnectionCheckResponse } from './sso.responses';

/** An agency's single sign-on (OpenID Connect): the secretariat sets it, the agency's focal points read it. */
@ApiTags('single sign-on')
@Controller('agencies/:id/sso')
export class SsoSettingsController {
  constructor(private readonly settings: SsoSettings) {}

  @Get()
  get(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<AgencySsoResponse> {
    return this.settings.get(user, id);
  }

  /** Creates or replaces the settings once the provider's discovery document checks out (400 naming `issuer` if not). */
  @Put()
  put(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: AgencySsoDto, @Req() request: Request): Promise<AgencySsoResponse> {
    return this.settings.put(user, id, dto, request.ip);
  }

  @Delete()
  @HttpCode(204)
  remove(@CurrentUser() user: Principal, @UuidParam() id: string, @Req() request: Request): Promise<void> {
    return this.settings.remove(user, id, request.ip);
  }

  /** Test the connection: fetches the stored provider's discovery document now. */
  @Post('check')
  @HttpCode(200)
  check(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<SsoConnectionCheckResponse> {
    return this.settings.check(user, id);
  }
}
