import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth.controller';
import { SessionGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { LocalStrategy } from './local.strategy';
import { PrincipalCache } from './principal-cache';
import { SessionSerializer } from './session.serializer';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { AgenciesModule } from '../agencies/agencies.module';

@Module({
  imports: [PassportModule.register({ session: true }), AgenciesModule],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    LocalStrategy,
    SessionSerializer,
    PrincipalCache,
    UsersRepository,
    UsersService,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [UsersRepository, PrincipalCache],
})
export class AccountsModule {}
