import { Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { NotFoundError } from '../common/errors';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { UnsubscribeTokenInvalidError, UnsubscribeTokenUsedError } from '../mail/mail.errors';
import { Outbox } from '../mail/outbox';
import { OutboxRepository } from '../mail/outbox.repository';
import { UnsubscribeTokens } from '../mail/unsubscribe-tokens';
import { type DigestRunResult, DigestRuns } from './digest-runs';
import type { DigestPreferencesDto, RunDigestsDto } from './digests.dto';
import { UnknownTimeZoneError } from './digests.errors';
import { type DigestPreferences, type FollowTarget, FollowsRepository, type FollowView } from './follows.repository';

@Injectable()
export class DigestsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly follows: FollowsRepository,
    private readonly runs: DigestRuns,
    private readonly outbox: Outbox,
    private readonly mails: OutboxRepository,
  ) {}

  preferences(user: Principal): Promise<DigestPreferences> {
    return this.follows.preferences(this.transactions.db, user.userId);
  }

  async setPreferences(user: Principal, dto: DigestPreferencesDto): Promise<DigestPreferences> {
    // Postgres reads the same IANA database; luxon refuses aliases it cannot resolve and anything else.
    if (!IANAZone.isValidZone(dto.timeZone)) throw new UnknownTimeZoneError(dto.timeZone);
    const preferences = { frequency: dto.frequency, hour: dto.hour, timeZone: dto.timeZone };
    await this.follows.savePreferences(this.transactions.db, user.userId, preferences);
    return preferences;
  }

  async listFollows(user: Principal): Promise<{ items: FollowView[]; total: number }> {
    const items = await this.follows.list(this.transactions.db, user.userId);
    return { items, total: items.length };
  }

  /** Following is the user's own choice: anyone may follow or unfollow anything they can read (everything). */
  async setFollow(user: Principal, type: FollowTarget, id: string, following: boolean): Promise<{ items: FollowView[]; total: number }> {
    await this.transactions.run(async (tx) => {
      if (!(await this.follows.targetExists(tx, type, id))) throw new NotFoundError(type, id);
      await this.follows.set(tx, user.userId, type, id, following);
    });
    return this.listFollows(user);
  }

  run(user: Principal, dto: RunDigestsDto): Promise<DigestRunResult> {
    authorize(user, 'digests.run', null);
    return this.runs.run(dto.frequency, dto.asOf ? new Date(dto.asOf) : new Date());
  }

  /** The one thing the link does: turn the recipient's digests off, once per mail; no login needed, none granted. */
  async unsubscribe(token: string): Promise<{ unsubscribed: true }> {
    const mailId = UnsubscribeTokens.mailIdOf(token);
    if (!mailId) throw new UnsubscribeTokenInvalidError();
    await this.transactions.run(async (tx) => {
      const mail = await this.mails.findForUnsubscribe(tx, mailId);
      if (!mail?.recipientUserId || !this.outbox.tokens.verify(token, mailId, mail.recipientUserId)) throw new UnsubscribeTokenInvalidError();
      if (!(await this.mails.markUnsubscribed(tx, mailId))) throw new UnsubscribeTokenUsedError();
      await this.follows.turnOff(tx, mail.recipientUserId);
    });
    return { unsubscribed: true };
  }
}
