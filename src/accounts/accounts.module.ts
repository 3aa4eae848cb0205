import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccountLifecycle } from './account-lifecycle.service';
import { AccountSessions } from './account-sessions';
import { AccountTokensRepository } from './account-tokens.repository';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokens } from './api-tokens.service';
import { AuthController } from './auth.controller';
import { SessionGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { LocalStrategy } from './local.strategy';
import { LoginThrottle } from './login-throttle';
import { PeopleController } from './people.controller';
import { PrincipalCache } from './principal-cache';
import { SecondFactorController } from './second-factor.controller';
import { SecondFactorRepository } from './second-factor.repository';
import { SecondFactors } from './second-factor.service';
import { SessionSerializer } from './session.serializer';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { ProviderClients } from './sso/provider-clients';
import { SsoSettingsController } from './sso/sso-settings.controller';
import { SsoSettingsRepository } from './sso/sso-settings.repository';
import { SsoSettings } from './sso/sso-settings.service';
import { SsoSignIn } from './sso/sso-sign-in.service';
import { SsoController } from './sso/sso.controller';
import { AgenciesModule } from '../agencies/agencies.module';
import { AuditModule } from '../audit/audit.module';
import { MailModule } from '../mail/mail.module';

@Module({
  imports: [PassportModule.register({ session: true }), AgenciesModule, AuditModule, MailModule],
  controllers: [AuthController, UsersController, PeopleController, ApiTokensController, SecondFactorController, SsoController, SsoSettingsController],
  providers: [
    AuthService,
    LocalStrategy,
    SessionSerializer,
    PrincipalCache,
    UsersRepository,
    UsersService,
    AccountSessions,
    AccountTokensRepository,
    AccountLifecycle,
    ApiTokens,
    LoginThrottle,
    SecondFactorRepository,
    SecondFactors,
    ProviderClients,
    SsoSettingsRepository,
    SsoSettings,
    SsoSignIn,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [UsersRepository, PrincipalCache, AccountSessions, ApiTokens],
})
export class AccountsModule {}
