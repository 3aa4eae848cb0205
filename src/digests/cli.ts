import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { openDatabase } from '../database/open-database';
import { MailDelivery } from '../mail/mail-delivery';
import { DigestRuns } from './digest-runs';

/**
 * `npm run digests:run -- daily|weekly [--as-of 2026-06-02T07:00:00Z]`: the same run as POST /api/admin/digests/run,
 * with the same once-only guarantee (it may run beside the servers), then one delivery pass when SMTP_URL is set.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const frequency = args.find((a) => a === 'daily' || a === 'weekly');
  const asOfIndex = args.indexOf('--as-of');
  const asOf = asOfIndex >= 0 ? new Date(args[asOfIndex + 1] ?? '') : new Date();
  if (!frequency || Number.isNaN(asOf.getTime())) {
    process.stderr.write('Usage: npm run digests:run -- daily|weekly [--as-of <ISO time>]\n');
    process.exit(2);
  }
  const config = AppConfig.fromEnvironment(process.env, { JOBS: 'off', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = await openDatabase(config, () => undefined);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, database.url), { logger: ['error', 'warn'] });
  try {
    const result = await app.get(DigestRuns).run(frequency, asOf);
    const reminders = await app.get(DigestRuns).runReminders(asOf);
    const delivered = await app.get(MailDelivery).deliverDue();
    process.stdout.write(`${JSON.stringify({ ...result, reminders: reminders.mailed, delivered })}\n`);
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`digests:run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
