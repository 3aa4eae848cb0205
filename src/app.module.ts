import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from './accounts/accounts.module';
import { AgenciesModule } from './agencies/agencies.module';
import { AuditModule } from './audit/audit.module';
import { ChangesModule } from './changes/changes.module';
import { CollaborationModule } from './collaboration/collaboration.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DigestsModule } from './digests/digests.module';
import { FrameworksModule } from './frameworks/frameworks.module';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { ReportingModule } from './reporting/reporting.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // One id per request, taken from a proxy's X-Request-Id when it sends one, echoed in the answer.
            genReqId: (request, response) => {
              const given = request.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
              response.setHeader('X-Request-Id', id);
              return id;
            },
            customProps: (request) => ({ userId: (request as { user?: { userId?: string } }).user?.userId }),
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
        }),
        DatabaseModule.forRoot(databaseUrl),
        ChangesModule,
        CollaborationModule,
        AuditModule,
        AccountsModule,
        AgenciesModule,
        FrameworksModule,
        ReportingModule,
        MailModule,
        DigestsModule,
        HealthModule,
      ],
    };
  }
}
