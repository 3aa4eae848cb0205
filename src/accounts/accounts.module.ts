import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth.controller';
import { SessionGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { LocalStrategy } from './local.strategy';
import { PrincipalCache } from './principal-cache';
import { SessionSerializer } from './session.serializer';
import { UsersRepository } from './users.repository';

@Module({
  imports: [PassportModule.register({ session: true })],
  controllers: [AuthController],
  providers: [
    AuthService,
    LocalStrategy,
    SessionSerializer,
    PrincipalCache,
    UsersRepository,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [UsersRepository, PrincipalCache],
})
export class AccountsModule {}
