import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../accounts/users.repository';
import { localeFromAcceptLanguage } from '../common/locales';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import type { NotificationsQuery, PreferencesDto, ReadNotificationsDto } from './discussions.dto';
import { InvalidInputError } from '../common/errors';
import type { NotificationPage, PreferencesResponse, UnreadCountResponse } from './discussions.responses';
import { NotificationsRepository } from './notifications.repository';

/** A user's own notifications and preferences: nobody reads or changes another's. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly notifications: NotificationsRepository,
    private readonly users: UsersRepository,
  ) {}

  async list(user: Principal, query: NotificationsQuery): Promise<NotificationPage> {
    const db = this.transactions.db;
    const items = await this.notifications.list(db, user.userId, query.unread === true);
    return { items, total: items.length, unread: await this.notifications.unreadCount(db, user.userId) };
  }

  async markRead(user: Principal, dto: ReadNotificationsDto): Promise<UnreadCountResponse> {
    if ((dto.ids === undefined) === (dto.all === undefined)) throw new InvalidInputError('ids', 'Send either ids (a list) or all: true.');
    await this.transactions.run((tx) => this.notifications.markRead(tx, user.userId, dto.all ? 'all' : dto.ids!));
    return { unread: await this.notifications.unreadCount(this.transactions.db, user.userId) };
  }

  async preferences(user: Principal, acceptLanguage?: string): Promise<PreferencesResponse> {
    const db = this.transactions.db;
    const [{ mentionMail }, locales] = await Promise.all([this.notifications.preferences(db, user.userId), this.users.localesOf(db, [user.userId])]);
    const chosen = locales.get(user.userId) ?? null;
    return { mentionMail, locale: chosen ?? localeFromAcceptLanguage(acceptLanguage) ?? 'en', localeChosen: chosen !== null };
  }

  async setPreferences(user: Principal, dto: PreferencesDto, acceptLanguage?: string): Promise<PreferencesResponse> {
    await this.transactions.run(async (tx) => {
      if (dto.mentionMail !== undefined) await this.notifications.savePreferences(tx, user.userId, { mentionMail: dto.mentionMail });
      if (dto.locale !== undefined) await this.users.setLocale(tx, user.userId, dto.locale);
    });
    return this.preferences(user, acceptLanguage);
  }
}
