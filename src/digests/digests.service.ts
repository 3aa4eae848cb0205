import { Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { UsersRepository } from '../accounts/users.repository';
import { type Locale, localeFromAcceptLanguage } from '../common/locales';
import { NotFoundError } from '../common/errors';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { UnsubscribeTokenInvalidError, UnsubscribeTokenUsedError } from '../mail/mail.errors';
import { Outbox } from '../mail/outbox';
import { OutboxRepository } from '../mail/outbox.repository';
import { UnsubscribeTokens } from '../mail/unsubscribe-tokens';
import { type DigestRunResult, DigestRuns } from './digest-runs';
import { unsubscribedPage, unsubscribePage } from './digest-templates';
import type { DigestPreferencesDto, RunDigestsDto } from './digests.dto';
import type { FollowPage, UnsubscribedResponse } from './digests.responses';
import { UnknownTimeZoneError } from './digests.errors';
import { type DigestPreferences, type FollowTarget, FollowsRepository } from './follows.repository';

@Injectable()
export class DigestsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly follows: FollowsRepository,
    private readonly runs: DigestRuns,
    private readonly outbox: Outbox,
    private readonly mails: OutboxRepository,
    private readonly users: UsersRepository,
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

  async listFollows(user: Principal): Promise<FollowPage> {
    const items = await this.follows.list(this.transactions.db, user.userId);
    return { items, total: items.length };
  }

  /** Following is the user's own choice: anyone may follow or unfollow anything they can read (everything). */
  async setFollow(user: Principal, type: FollowTarget, id: string, following: boolean): Promise<FollowPage> {
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

  /**
   * The page the link opens, in the language of the mail's recipient; for a link that names no mail of ours, the
   * browser's (the POST refuses it all the same).
   */
  async unsubscribePage(token: string, acceptLanguage: string | undefined): Promise<string> {
    return unsubscribePage((await this.recipientLocale(token)) ?? localeFromAcceptLanguage(acceptLanguage) ?? 'en', token);
  }

  /** The button of that page: the same one thing, answered with a page in the recipient's language. */
  async unsubscribeFromPage(token: string, acceptLanguage: string | undefined): Promise<{ status: number; html: string }> {
    const locale = (await this.recipientLocale(token)) ?? localeFromAcceptLanguage(acceptLanguage) ?? 'en';
    try {
      await this.unsubscribe(token);
      return { status: 200, html: unsubscribedPage(locale, 'done') };
    } catch (error) {
      if (error instanceof UnsubscribeTokenUsedError) return { status: 410, html: unsubscribedPage(locale, 'used') };
      if (error instanceof UnsubscribeTokenInvalidError) return { status: 403, html: unsubscribedPage(locale, 'invalid') };
      throw error;
    }
  }

  private async recipientLocale(token: string): Promise<Locale | null> {
    const mailId = UnsubscribeTokens.mailIdOf(token);
    if (!mailId) return null;
    const db = this.transactions.db;
    const mail = await this.mails.findForUnsubscribe(db, mailId);
    if (!mail?.recipientUserId || !this.outbox.tokens.verify(token, mailId, mail.recipientUserId)) return null;
    return (await this.users.localesOf(db, [mail.recipientUserId])).get(mail.recipientUserId) ?? null;
  }

  /** The one thing the link does: turn the recipient's digests off, once per mail; no login needed, none granted. */
  async unsubscribe(token: string): Promise<UnsubscribedResponse> {
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
