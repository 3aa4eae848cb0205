import { Injectable } from '@nestjs/common';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { AuditTrail } from '../audit/audit.service';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { authorize, decide } from '../common/policy';
import type { Principal } from '../common/principal';
import { AppConfig } from '../config/app-config';
import { type Db, Transactions } from '../database/transactions';
import { ACCOUNT_MAIL_TEXTS, inLanguage } from '../mail/account-mail-texts';
import { html } from '../mail/html';
import { Outbox, SECRET_LINK } from '../mail/outbox';
import { AccountSessions } from './account-sessions';
import { AccountTokensRepository, invitationMailKey, type PendingInvitation } from './account-tokens.repository';
import { InvalidAccountTokenError, InvitationThroughProviderError } from './accounts.errors';
import type { InvitationPage, RequestAcceptedResponse } from './accounts.responses';
import { ApiTokens } from './api-tokens.service';
import { LoginThrottle } from './login-throttle';
import { checkNewPassword } from './password-rules';
import { hashPassword } from './passwords';
import { hashSecret, newSecret } from './secret-tokens';
import { InviteUserDto } from './users.dto';
import { SsoSettingsRepository } from './sso/sso-settings.repository';
import { UsersRepository } from './users.repository';
import { authorizeManage } from './manage-rule';

export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;

/** What an invitation or reset request answers, whether or not the address has an account: it reveals nothing. */
/**
 * Invitations and password resets: links sent through the outbox, single-use, expiring, stored only as hashes, and
 * readable by nobody but the addressee (sealed in the outbox until delivery; see Outbox).
 */
@Injectable()
export class AccountLifecycle {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesRepository,
    private readonly tokens: AccountTokensRepository,
    private readonly outbox: Outbox,
    private readonly sessions: AccountSessions,
    private readonly apiTokens: ApiTokens,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditTrail,
    private readonly sso: SsoSettingsRepository,
  ) {}

  /**
   * A focal point invites into its own agency, the secretariat into any; only the secretariat invites a secretariat
   * user. An address that already has an account gets no mail, and the inviter the same answer as for a new one.
   */
  async invite(user: Principal, request: InviteUserDto, ip: string | undefined): Promise<RequestAcceptedResponse> {
    const email = request.email.trim().toLowerCase();
    const [agency] = await this.agencies.findByCodes(this.transactions.db, [request.agency]);
    if (!agency) throw new InvalidInputError('agency', `agency: no agency has the code ${request.agency}.`);
    authorizeManage(user, { agencyId: agency.id, agencyCode: agency.code, role: request.role });
    this.outbox.assertCanSendSecretLinks();
    await this.transactions.run(async (tx) => {
      const existing = await this.users.emailTaken(tx, email);
      const base = { actorUserId: user.userId, agencyId: agency.id, email, ip };
      if (existing) {
        await this.audit.record({ ...base, action: 'invitation.sent', subjectUserId: existing.id, details: { role: request.role, sent: false, reason: 'existing account' } }, tx);
        return;
      }
      const { secret, hash } = newSecret('inv_');
      const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
      const id = await this.tokens.insertInvitation(tx, {
        agencyId: agency.id,
        email,
        displayName: request.displayName.trim(),
        role: request.role,
        invitedBy: user.userId,
        tokenHash: hash,
        expiresAt,
      });
      // In the language the inviter chose, else their own; the agency under its name in that language.
      const locale = request.locale ?? (await this.users.localesOf(tx, [user.userId])).get(user.userId) ?? 'en';
      const words = ACCOUNT_MAIL_TEXTS[locale];
      const agencyName = locale === 'en' ? agency.name : ((await this.agencies.namesOf(tx, [agency.id])).get(agency.id)?.[locale] ?? agency.name);
      const intro = words.invitation.intro(user.displayName, agencyName, words.role[request.role]);
      await this.outbox.enqueue(tx, {
        kind: 'invitation',
        dedupeKey: invitationMailKey(id),
        recipient: { userId: null, email },
        subject: words.invitation.subject(user.displayName, agency.code),
        secretLink: `${this.config.publicUrl}/accept-invitation?token=${encodeURIComponent(secret)}`,
        render: () => ({
          text: `${intro}\n\n${words.invitation.linkLine(INVITATION_DAYS)}\n${SECRET_LINK}\n`,
          html: inLanguage(
            locale,
            html`<p>${intro}</p>
<p><a href="${SECRET_LINK}">${words.invitation.linkText}</a>${words.invitation.linkAfter(INVITATION_DAYS)}</p>`,
          ),
        }),
      });
      await this.audit.record({ ...base, action: 'invitation.sent', details: { role: request.role, sent: true, invitationId: id } }, tx);
    });
    return { accepted: true, email };
  }

  /** Creates the account with the chosen password; the caller then signs the new user in. */
  async acceptInvitation(token: string, password: string, ip: string | undefined): Promise<string> {
    return this.transactions.run(async (tx) => {
      const invitation = await this.tokens.takeInvitation(tx, hashSecret(token));
      if (!invitation) throw new InvalidAccountTokenError('invitation');
      // The inviter's word is only as good as their rights today: gone, or no longer allowed to grant that role, and
      // the link no longer applies.
      if (!(await this.inviterMayStillGrant(tx, invitation))) throw new InvalidAccountTokenError('invitation');
      if ((await this.sso.find(tx, invitation.agencyId))?.passwordLogin === 'disabled') throw new InvitationThroughProviderError(invitation.agencyCode);
      checkNewPassword(password, invitation.email);
      // Someone made this address an account after the invitation went out: the link no longer applies.
      if (await this.users.emailTaken(tx, invitation.email)) throw new InvalidAccountTokenError('invitation');
      const created = await this.users.insert(tx, {
        email: invitation.email,
        displayName: invitation.displayName,
        agencyId: invitation.agencyId,
        role: invitation.role,
        passwordHash: await hashPassword(password),
      });
      await this.audit.record(
        { action: 'invitation.accepted', actorUserId: created.id, subjectUserId: created.id, agencyId: invitation.agencyId, email: invitation.email, ip, details: { invitationId: invitation.id, invitedBy: invitation.invitedBy, role: invitation.role } },
        tx,
      );
      return created.email;
    });
  }

  /** The invitation behind a link, still usable (nothing is taken): which agency it joins. */
  usableInvitation(token: string): Promise<PendingInvitation | null> {
    return this.tokens.findUsableInvitation(this.transactions.db, hashSecret(token));
  }

  /**
   * Accepts an invitation for the person the agency's provider signed in, in the caller's transaction: the account
   * is made with the invitation's role and no password. Null when the link is not usable, is another agency's, was
   * sent to another address than the provider's verified one, or its inviter may no longer grant the role.
   */
  async acceptInvitationThroughProvider(
    tx: Db,
    invitationHash: string,
    person: { email: string; agencyId: string },
    ip: string | undefined,
  ): Promise<string | null> {
    const invitation = await this.tokens.takeInvitation(tx, invitationHash);
    if (!invitation || invitation.agencyId !== person.agencyId || invitation.email !== person.email) return null;
    if (!(await this.inviterMayStillGrant(tx, invitation)) || (await this.users.emailTaken(tx, invitation.email))) return null;
    const created = await this.users.insert(tx, {
      email: invitation.email,
      displayName: invitation.displayName,
      agencyId: invitation.agencyId,
      role: invitation.role,
      passwordHash: null,
    });
    await this.audit.record(
      {
        action: 'invitation.accepted',
        actorUserId: created.id,
        subjectUserId: created.id,
        agencyId: invitation.agencyId,
        email: invitation.email,
        ip,
        details: { invitationId: invitation.id, invitedBy: invitation.invitedBy, role: invitation.role, through: 'provider' },
      },
      tx,
    );
    return created.id;
  }

  /** The pending invitations into an agency, for whoever may manage its users. */
  async listInvitations(user: Principal, agencyCode: string): Promise<InvitationPage> {
    const db = this.transactions.db;
    const [agency] = await this.agencies.findByCodes(db, [agencyCode]);
    if (!agency) throw new InvalidInputError('agency', `agency: no agency has the code ${agencyCode}.`);
    authorize(user, 'users.manage', { agencyId: agency.id, agencyCode: agency.code });
    const items = await this.tokens.listPendingInvitations(db, agency.id);
    return { items, total: items.length };
  }

  /** Withdraws a pending invitation: its link stops working at once. A second revocation finds nothing (404). */
  async revokeInvitation(user: Principal, id: string, ip: string | undefined): Promise<void> {
    await this.transactions.run(async (tx) => {
      const invitation = await this.tokens.lockPendingInvitation(tx, id);
      if (!invitation) throw new NotFoundError('pending invitation', id);
      authorizeManage(user, invitation);
      await this.tokens.revokeInvitation(tx, id, user.userId);
      await this.outbox.withdraw(tx, [invitationMailKey(id)], 'Withdrawn: the invitation was revoked before its mail went out.');
      await this.audit.record(
        { action: 'invitation.revoked', actorUserId: user.userId, agencyId: invitation.agencyId, email: invitation.email, ip, details: { invitationId: id, reason: 'revoked' } },
        tx,
      );
    });
  }

  /**
   * The same answer, whether or not the address has an active account; at most RESET_REQUESTS_PER_EMAIL an hour for
   * one address and RESET_REQUESTS_PER_ADDRESS from one client (429 beyond, for known and unknown addresses alike).
   */
  async requestPasswordReset(address: string, ip: string | undefined): Promise<RequestAcceptedResponse> {
    const email = address.trim().toLowerCase();
    this.outbox.assertCanSendSecretLinks();
    await this.throttle.resetRequested(email, ip ?? 'unknown');
    await this.transactions.run(async (tx) => {
      const account = await this.users.emailTaken(tx, email);
      // An agency that signs in only through its provider has no passwords to reset: the same answer as for a stranger.
      const eligible = account !== null && account.active && !(account.demo && this.config.production) && !account.passwordLoginDisabled;
      if (!eligible) {
        await this.audit.record({ action: 'password_reset.requested', email, ip, details: { sent: false } }, tx);
        return;
      }
      const { secret, hash } = newSecret('rst_');
      const id = await this.tokens.insertPasswordReset(tx, { userId: account.id, tokenHash: hash, expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) });
      // In the language the person chose (English until they choose one).
      const locale = (await this.users.localesOf(tx, [account.id])).get(account.id) ?? 'en';
      const words = ACCOUNT_MAIL_TEXTS[locale].passwordReset;
      await this.outbox.enqueue(tx, {
        kind: 'password_reset',
        dedupeKey: `password_reset:${id}`,
        recipient: { userId: account.id, email },
        subject: words.subject,
        secretLink: `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(secret)}`,
        render: () => ({
          text: `${words.intro} ${words.linkLine(RESET_MINUTES)}\n${SECRET_LINK}\n\n${words.notYou}\n`,
          html: inLanguage(
            locale,
            html`<p>${words.intro} <a href="${SECRET_LINK}">${words.linkText}</a>${words.linkAfter(RESET_MINUTES)}</p>
<p>${words.notYou}</p>`,
          ),
        }),
      });
      await this.audit.record({ action: 'password_reset.requested', subjectUserId: account.id, email, ip, details: { sent: true } }, tx);
    });
    return { accepted: true, email };
  }

  /** Sets the new password and ends everything the old one opened: every session and every API token (a thief's included). */
  async resetPassword(token: string, password: string, ip: string | undefined): Promise<void> {
    await this.transactions.run(async (tx) => {
      const account = await this.tokens.takePasswordReset(tx, hashSecret(token));
      if (!account) throw new InvalidAccountTokenError('password reset');
      checkNewPassword(password, account.email);
      await this.users.setPassword(tx, account.userId, await hashPassword(password));
      const ended = await this.sessions.endAll(tx, account.userId);
      const tokensRevoked = await this.apiTokens.revokeAllOf(tx, account, 'password_reset', account.userId);
      await this.audit.record(
        { action: 'password_reset.completed', actorUserId: account.userId, subjectUserId: account.userId, email: account.email, ip, details: { sessionsEnded: ended, tokensRevoked } },
        tx,
      );
    });
  }

  private async inviterMayStillGrant(tx: Db, invitation: PendingInvitation): Promise<boolean> {
    const inviter = await this.users.findActivePrincipal(tx, invitation.invitedBy);
    if (!inviter) return false;
    const agency = { agencyId: invitation.agencyId, agencyCode: invitation.agencyCode };
    return decide(inviter, 'users.manage', agency) === true && (invitation.role !== 'secretariat' || decide(inviter, 'users.manageSecretariat', null) === true);
  }
}
