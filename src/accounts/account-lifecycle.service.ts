import { Injectable } from '@nestjs/common';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { AuditTrail } from '../audit/audit.service';
import { InvalidInputError } from '../common/errors';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { html } from '../mail/html';
import { Outbox } from '../mail/outbox';
import { AccountSessions } from './account-sessions';
import { AccountTokensRepository } from './account-tokens.repository';
import { InvalidAccountTokenError } from './accounts.errors';
import { checkNewPassword } from './password-rules';
import { hashPassword } from './passwords';
import { hashSecret, newSecret } from './secret-tokens';
import { InviteUserDto } from './users.dto';
import { UsersRepository } from './users.repository';

export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;

/** What an invitation or reset request answers, whether or not the address has an account: it reveals nothing. */
export interface AcceptedRequest {
  accepted: true;
  email: string;
}

/** Invitations and password resets: links sent through the outbox, single-use, expiring, stored only as hashes. */
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
    private readonly audit: AuditTrail,
  ) {}

  /**
   * A focal point invites into its own agency, the secretariat into any; only the secretariat invites a secretariat
   * user. An address that already has an account gets no mail, and the inviter the same answer as for a new one.
   */
  async invite(user: Principal, request: InviteUserDto, ip: string | undefined): Promise<AcceptedRequest> {
    const email = request.email.trim().toLowerCase();
    const [agency] = await this.agencies.findByCodes(this.transactions.db, [request.agency]);
    if (!agency) throw new InvalidInputError('agency', `agency: no agency has the code ${request.agency}.`);
    authorize(user, 'users.manage', { agencyId: agency.id, agencyCode: agency.code });
    if (request.role === 'secretariat') authorize(user, 'users.manageSecretariat', null);
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
      const link = `${this.config.publicUrl}/accept-invitation?token=${encodeURIComponent(secret)}`;
      await this.outbox.enqueue(tx, {
        kind: 'invitation',
        dedupeKey: `invitation:${id}`,
        recipient: { userId: null, email },
        subject: `${user.displayName} invites you to Concert (${agency.code})`,
        render: () => ({
          text:
            `${user.displayName} invites you to join ${agency.name} in Concert as ${request.role.replace('_', ' ')}.\n\n` +
            `Choose your password here (the link works once, for ${INVITATION_DAYS} days):\n${link}\n`,
          html: html`<p>${user.displayName} invites you to join ${agency.name} in Concert as ${request.role.replace('_', ' ')}.</p>
<p><a href="${link}">Choose your password</a> (the link works once, for ${INVITATION_DAYS} days).</p>`.value,
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

  /** The same answer, whether or not the address has an active account. */
  async requestPasswordReset(address: string, ip: string | undefined): Promise<AcceptedRequest> {
    const email = address.trim().toLowerCase();
    await this.transactions.run(async (tx) => {
      const account = await this.users.emailTaken(tx, email);
      const eligible = account !== null && account.active && !(account.demo && this.config.production);
      if (!eligible) {
        await this.audit.record({ action: 'password_reset.requested', email, ip, details: { sent: false } }, tx);
        return;
      }
      const { secret, hash } = newSecret('rst_');
      const id = await this.tokens.insertPasswordReset(tx, { userId: account.id, tokenHash: hash, expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) });
      const link = `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(secret)}`;
      await this.outbox.enqueue(tx, {
        kind: 'password_reset',
        dedupeKey: `password_reset:${id}`,
        recipient: { userId: account.id, email },
        subject: 'Reset your Concert password',
        render: () => ({
          text:
            `Someone asked to reset the password of your Concert account. If it was you, choose a new one here ` +
            `(the link works once, within ${RESET_MINUTES} minutes):\n${link}\n\nIf it was not you, ignore this mail.\n`,
          html: html`<p>Someone asked to reset the password of your Concert account. If it was you,
<a href="${link}">choose a new one</a> (the link works once, within ${RESET_MINUTES} minutes).</p>
<p>If it was not you, ignore this mail.</p>`.value,
        }),
      });
      await this.audit.record({ action: 'password_reset.requested', subjectUserId: account.id, email, ip, details: { sent: true } }, tx);
    });
    return { accepted: true, email };
  }

  /** Sets the new password and ends every session of the account (a thief's included). */
  async resetPassword(token: string, password: string, ip: string | undefined): Promise<void> {
    await this.transactions.run(async (tx) => {
      const account = await this.tokens.takePasswordReset(tx, hashSecret(token));
      if (!account) throw new InvalidAccountTokenError('password reset');
      checkNewPassword(password, account.email);
      await this.users.setPassword(tx, account.userId, await hashPassword(password));
      const ended = await this.sessions.endAll(tx, account.userId);
      await this.audit.record(
        { action: 'password_reset.completed', actorUserId: account.userId, subjectUserId: account.userId, email: account.email, ip, details: { sessionsEnded: ended } },
        tx,
      );
    });
  }
}
