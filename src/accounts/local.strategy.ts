import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { TooManyAttemptsError } from './accounts.errors';
import type { Principal } from '../common/principal';
import { AuthService } from './auth.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(request: Request, email: string, password: string): Promise<Principal> {
    try {
      return await this.auth.verifyCredentials(email, password, request.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof TooManyAttemptsError) request.res?.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }
}
