import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { UnauthenticatedError } from '../common/errors';
import { CurrentUser, OpenBeforeSecondFactor, type Principal, Public } from '../common/principal';
import { AccountLifecycle } from './account-lifecycle.service';
import { RequestAcceptedResponse, SecondFactorChallengeResponse, SessionResponse } from './accounts.responses';
import { AcceptInvitationDto, LoginDto, PasswordResetDto, PasswordResetRequestDto, SecondFactorDto } from './auth.dto';
import { LoginGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { asError, authenticatingSession, logIn, PENDING_SIGN_IN_MS, regenerateSession } from './session-steps';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly lifecycle: AccountLifecycle,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiBody({ type: LoginDto })
  @ApiExtraModels(SessionResponse, SecondFactorChallengeResponse)
  @ApiOkResponse({
    description: 'The session, or (the account has a second factor) that the code is needed next: POST /api/auth/login/second-factor.',
    schema: { oneOf: [{ $ref: getSchemaPath(SessionResponse) }, { $ref: getSchemaPath(SecondFactorChallengeResponse) }] },
  })
  async login(@Req() request: Request, @CurrentUser() user: Principal): Promise<SessionResponse | SecondFactorChallengeResponse> {
    if (user.secondFactor === 'on') {
      await regenerateSession(request);
      request.session.pendingSignIn = { userId: user.userId, email: user.email, expiresAt: Date.now() + PENDING_SIGN_IN_MS, via: 'password' };
      return { secondFactorRequired: true };
    }
    await logIn(request, user, 'password');
    await this.auth.signedIn(user, request.ip, { method: 'password' });
    return this.auth.describe(user, request.session);
  }

  /** The second step of a sign-in: `code` from the authenticator app, or one `recoveryCode`. */
  @Public()
  @Post('login/second-factor')
  @HttpCode(200)
  async secondFactor(@Req() request: Request, @Body() answer: SecondFactorDto): Promise<SessionResponse> {
    const pending = request.session.pendingSignIn;
    if (!pending || pending.expiresAt < Date.now()) {
      throw new UnauthenticatedError('Sign in with your email and password first; then enter the code within 5 minutes.');
    }
    const { principal, used } = await this.auth.verifySecondFactor(pending, answer, request.ip);
    const method = pending.via === 'provider' ? 'provider_second_factor' : 'password_second_factor';
    await logIn(request, principal, method);
    await this.auth.signedIn(principal, request.ip, { method, secondFactor: used });
    return this.auth.describe(principal, request.session);
  }

  @OpenBeforeSecondFactor()
  @Get('me')
  me(@CurrentUser() user: Principal, @Req() request: Request): Promise<SessionResponse> {
    return this.auth.describe(user, authenticatingSession(request));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: Request): Promise<void> {
    const sessionId = request.sessionID;
    await this.auth.loggedOut(request.user as Principal | undefined, request.ip);
    await new Promise<void>((resolve, reject) => request.logout((error: unknown) => (error ? reject(asError(error)) : resolve())));
    await new Promise<void>((resolve, reject) => request.session.destroy((error: unknown) => (error ? reject(asError(error)) : resolve())));
    await this.auth.sessionEnded(sessionId);
  }

  /** Sets the invited user's password, creates the account and signs in (a fresh session). */
  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  async acceptInvitation(@Req() request: Request, @Body() body: AcceptInvitationDto): Promise<SessionResponse> {
    const email = await this.lifecycle.acceptInvitation(body.token, body.password, request.ip);
    const principal = await this.auth.principalOf(email);
    await logIn(request, principal, 'password');
    await this.auth.signedIn(principal, request.ip, { method: 'password' });
    return this.auth.describe(principal, request.session);
  }

  /** 202 with the same body whether or not the address has an account. */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  requestPasswordReset(@Req() request: Request, @Body() body: PasswordResetRequestDto): Promise<RequestAcceptedResponse> {
    return this.lifecycle.requestPasswordReset(body.email, request.ip);
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  resetPassword(@Req() request: Request, @Body() body: PasswordResetDto): Promise<void> {
    return this.lifecycle.resetPassword(body.token, body.password, request.ip);
  }
}
