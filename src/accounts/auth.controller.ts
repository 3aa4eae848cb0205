import { Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, type Principal, Public } from '../common/principal';
import { LoginDto } from './auth.dto';
import { LoginGuard } from './auth.guards';
import { AuthService, type SessionView } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiBody({ type: LoginDto })
  login(@CurrentUser() user: Principal): Promise<SessionView> {
    return this.auth.describe(user);
  }

  @Get('me')
  me(@CurrentUser() user: Principal): Promise<SessionView> {
    return this.auth.describe(user);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: Request): Promise<void> {
    const sessionId = request.sessionID;
    await new Promise<void>((resolve, reject) => request.logout((error: unknown) => (error ? reject(asError(error)) : resolve())));
    await new Promise<void>((resolve, reject) => request.session.destroy((error: unknown) => (error ? reject(asError(error)) : resolve())));
    await this.auth.sessionEnded(sessionId);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
