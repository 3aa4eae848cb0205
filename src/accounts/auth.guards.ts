import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request } from 'express';
import { UnauthenticatedError } from '../common/errors';
import { PUBLIC_ROUTE } from '../common/principal';
import { ValidationFailedError } from '../common/validation';
import { LoginDto } from './auth.dto';

/** Checks the login body's shape (a 400 naming the field), then the credentials, then starts a fresh session. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const body = plainToInstance(LoginDto, request.body ?? {});
    const errors = validateSync(body, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length > 0) {
      throw new ValidationFailedError(errors.map((e) => ({ field: e.property, problems: Object.values(e.constraints ?? {}) })));
    }
    await super.canActivate(context);
    // passport ≥ 0.6 regenerates the session here, so a session id planted before login is worthless after it.
    await super.logIn(request);
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof Error) throw error;
    if (error) throw new UnauthenticatedError();
    if (!user) throw new UnauthenticatedError();
    return user;
  }
}

/** Every route needs a logged-in, active user unless it is marked @Public(). */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    if (!context.switchToHttp().getRequest<Request>().user) throw new UnauthenticatedError();
    return true;
  }
}
