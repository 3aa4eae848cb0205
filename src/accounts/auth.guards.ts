import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { refusal } from '../common/refusals';
import { OPEN_BEFORE_SECOND_FACTOR, type Principal, PUBLIC_ROUTE, SESSION_ONLY } from '../common/principal';
import { ValidationFailedError } from '../common/validation';
import { SecondFactorRequiredError } from './accounts.errors';
import { LoginDto } from './auth.dto';
import { authenticatingSession, mustTurnOnSecondFactor } from './session-steps';

/** Checks the login body's shape (a 400 naming the field), then the credentials. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const body = plainToInstance(LoginDto, request.body ?? {});
    const errors = validateSync(body, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length > 0) {
      throw new ValidationFailedError(errors.map((e) => ({ field: e.property, problems: Object.values(e.constraints ?? {}) })));
    }
    // Sets request.user only: the controller starts the session, or the second step of the sign-in.
    await super.canActivate(context);
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof Error) throw error;
    if (error) throw new UnauthenticatedError();
    if (!user) throw new UnauthenticatedError();
    return user;
  }
}

/**
 * Every route needs a logged-in, active user unless it is marked @Public(); an API token reaches no route marked
 * @SessionOnly(); a user whose role requires two-factor sign-in and who has not turned it on reaches only the routes
 * marked @OpenBeforeSecondFactor().
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const user = request.user as Principal | undefined;
    if (!user) throw new UnauthenticatedError();
    // bearerAuthentication has already decided who a request with a token is; here only whether a token may do this.
    const byToken = /^Bearer\s/i.test(request.headers.authorization ?? '');
    if (byToken && this.reflector.getAllAndOverride<boolean>(SESSION_ONLY, targets)) {
      throw new ForbiddenError(refusal('token_cannot_manage_sign_in', {}));
    }
    // How a session signed in speaks for the session's own user only: never for a token sent beside someone's cookie.
    if (mustTurnOnSecondFactor(user, authenticatingSession(request)) && !this.reflector.getAllAndOverride<boolean>(OPEN_BEFORE_SECOND_FACTOR, targets)) {
      throw new SecondFactorRequiredError();
    }
    return true;
  }
}
