import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from './accounts/accounts.module';
import { AgenciesModule } from './agencies/agencies.module';
import { AuditModule } from './audit/audit.module';
import { ChangesModule } from './changes/changes.module';
import { CollaborationModule } from './collaboration/collaboration.module';
import { ConsolidatedReportsModule } from './consolidated-reports/consolidated-reports.module';
import { logStream, requestLogOptions } from './common/logging';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DigestsModule } from './digests/digests.module';
import { DiscussionsModule } from './discussions/discussions.module';
import { DocumentsModule } from './documents/documents.module';
import { FrameworksModule } from './frameworks/frameworks.module';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReportingModule } from './reporting/reporting.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: [requestLogOptions(config), logStream(config)],
        }),
        DatabaseModule.forRoot(databaseUrl),
        ChangesModule,
        DocumentsModule,
        CollaborationModule,
        AuditModule,
        AccountsModule,
        AgenciesModule,
        FrameworksModule,
        ReportingModule,
        ConsolidatedReportsModule,
        DiscussionsModule,
        MailModule,
        DigestsModule,
        HealthModule,
        MetricsModule,
      ],
    };
  }
}
