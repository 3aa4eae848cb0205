import { type DataSourceOptions } from 'typeorm';
import { CreateFollowUpDomain1764381600000 } from '../../migrations/1764381600000-CreateFollowUpDomain';
import { AddLiveDocuments1764468000000 } from '../../migrations/1764468000000-AddLiveDocuments';
import { AddDigestsAndMail1764554400000 } from '../../migrations/1764554400000-AddDigestsAndMail';
import { AddAccountsSecurity1764640800000 } from '../../migrations/1764640800000-AddAccountsSecurity';
import { AddTwoFactor1764727200000 } from '../../migrations/1764727200000-AddTwoFactor';
import { ProtectSecretLinks1764813600000 } from '../../migrations/1764813600000-ProtectSecretLinks';
import { AddConsolidatedReports1764900000000 } from '../../migrations/1764900000000-AddConsolidatedReports';
import { AddReviewDiscussions1764986400000 } from '../../migrations/1764986400000-AddReviewDiscussions';
import { AddAgencySingleSignOn1765072800000 } from '../../migrations/1765072800000-AddAgencySingleSignOn';
import { AddAgencyNames1765245600000 } from '../../migrations/1765245600000-AddAgencyNames';
import { AddUserLocale1765332000000 } from '../../migrations/1765332000000-AddUserLocale';
import { AddNotificationParams1765418400000 } from '../../migrations/1765418400000-AddNotificationParams';
import { CompressLargeTextWithLz41765504800000 } from '../../migrations/1765504800000-CompressLargeTextWithLz4';
import { User } from '../accounts/user.entity';
import { Agency } from '../agencies/agency.entity';
import { ChangeEvent } from '../changes/change-event.entity';
import { ConsolidatedReport } from '../consolidated-reports/consolidated-report.entity';
import { Commitment, CommitmentAgency } from '../frameworks/commitment.entity';
import { Framework } from '../frameworks/framework.entity';
import { Indicator } from '../frameworks/indicator.entity';
import { ActivityReport, IndicatorValue } from '../reporting/activity-report.entity';
import { ReportingCycle } from '../reporting/reporting-cycle.entity';

export const ENTITIES = [
  Agency,
  User,
  Framework,
  Commitment,
  CommitmentAgency,
  Indicator,
  ReportingCycle,
  ActivityReport,
  IndicatorValue,
  ChangeEvent,
  ConsolidatedReport,
];

/** Listed, not globbed, so that the compiled app, the CLI and the ESM test runner load the same set. */
export const MIGRATIONS = [
  CreateFollowUpDomain1764381600000,
  AddLiveDocuments1764468000000,
  AddDigestsAndMail1764554400000,
  AddAccountsSecurity1764640800000,
  AddTwoFactor1764727200000,
  ProtectSecretLinks1764813600000,
  AddConsolidatedReports1764900000000,
  AddReviewDiscussions1764986400000,
  AddAgencySingleSignOn1765072800000,
  AddAgencyNames1765245600000,
  AddUserLocale1765332000000,
  AddNotificationParams1765418400000,
  CompressLargeTextWithLz41765504800000,
];

/** The one definition of Concert's data source, for the app, the CLI and the tests. */
/**
 * Ten connections: on two cores more would only queue queries for the CPU (bench:api), and several processes share
 * the server's connection limit.
 */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    // The schema needs no extension (gen_random_uuid() is built in); a managed database may not allow creating one.
    installExtensions: false,
    migrationsRun: false,
    extra: { max: poolSize, application_name: 'concert' },
  };
}
