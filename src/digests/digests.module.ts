import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DiscussionsModule } from '../discussions/discussions.module';
import { MailModule } from '../mail/mail.module';
import { DigestCompositionRepository } from './digest-composition.repository';
import { DigestRuns } from './digest-runs';
import { DigestScheduler } from './digest-scheduler';
import { DigestsController, MyDigestsController } from './digests.controller';
import { DigestsService } from './digests.service';
import { FollowsRepository } from './follows.repository';
import { RemindersRepository } from './reminders.repository';

/** Follows, digest preferences, composition of digests and reminders, and their schedule. */
@Module({
  imports: [AccountsModule, DiscussionsModule, MailModule],
  controllers: [MyDigestsController, DigestsController],
  providers: [FollowsRepository, DigestCompositionRepository, RemindersRepository, DigestRuns, DigestsService, DigestScheduler],
  exports: [DigestRuns, DigestScheduler],
})
export class DigestsModule {}
