import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal';
import type { Db } from '../database/transactions';
import type { ApiTokenResponse, InvitationResponse } from './accounts.responses';
import { type Role, SECOND_FACTOR_STATE_SQL } from './role';

export interface PendingInvitation {
  id: string;
  agencyId: string;
  agencyCode: string;
  email: string;
  displayName: string;
  role: Role;
  invitedBy: string;
}

const TOKEN_VIEW = `id, name, created_at AS "createdAt", expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** Invitations, password resets and API tokens: each found only by the hash of its secret. */
@Injectable()
export class AccountTokensRepository {
  async insertInvitation(
    tx: Db,
    invitation: Omit<PendingInvitation, 'id' | 'agencyCode'> & { tokenHash: string; expiresAt: Date },
  ): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO invitations (agency_id, email, display_name, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [invitation.agencyId, invitation.email, invitation.displayName, invitation.role, invitation.tokenHash, invitation.invitedBy, invitation.expiresAt],
    );
    return row.id;
  }

  /** A usable invitation, left usable: to know where its acceptance goes (its agency's provider, or a password). */
  async findUsableInvitation(db: Db, tokenHash: string): Promise<PendingInvitation | null> {
    const rows: PendingInvitation[] = await db.query(
      `SELECT i.id, i.agency_id AS "agencyId", a.code AS "agencyCode", i.email, i.display_name AS "displayName", i.role, i.invited_by AS "invitedBy"
         FROM invitations i JOIN agencies a ON a.id = i.agency_id
        WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now() AND a.archived_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Locks and marks used in one statement: of two concurrent acceptances, one wins. */
  async takeInvitation(tx: Db, tokenHash: string): Promise<PendingInvitation | null> {
    const rows: PendingInvitation[] = await tx.query(
      `WITH taken AS (
         UPDATE invitations SET accepted_at = now()
          WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING id, agency_id, email, display_name, role, invited_by)
       SELECT t.id, t.agency_id AS "agencyId", a.code AS "agencyCode", t.email, t.display_name AS "displayName", t.role, t.invited_by AS "invitedBy"
         FROM taken t JOIN agencies a ON a.id = t.agency_id WHERE a.archived_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async listPendingInvitations(db: Db, agencyId: string): Promise<InvitationResponse[]> {
    const rows: (Omit<InvitationResponse, 'invitedBy'> & { inviterId: string | null; inviterName: string | null })[] = await db.query(
      `SELECT i.id, i.email, i.display_name AS "displayName", i.role, i.created_at AS "createdAt", i.expires_at AS "expiresAt",
              u.id AS "inviterId", u.display_name AS "inviterName"
         FROM invitations i LEFT JOIN users u ON u.id = i.invited_by
        WHERE i.agency_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
        ORDER BY i.created_at DESC, i.id`,
      [agencyId],
    );
    return rows.map(({ inviterId, inviterName, ...invitation }) => ({
      ...invitation,
      invitedBy: inviterId ? { id: inviterId, displayName: inviterName ?? '' } : null,
    }));
  }

  /** The pending invitation with this id, locked for the caller's transaction; null when there is none. */
  async lockPendingInvitation(tx: Db, id: string): Promise<PendingInvitation | null> {
    const rows: PendingInvitation[] = await tx.query(
      `SELECT i.id, i.agency_id AS "agencyId", a.code AS "agencyCode", i.email, i.display_name AS "displayName", i.role, i.invited_by AS "invitedBy"
         FROM invitations i JOIN agencies a ON a.id = i.agency_id
        WHERE i.id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
          FOR UPDATE OF i`,
      [id],
    );
    return rows[0] ?? null;
  }

  async revokeInvitation(tx: Db, id: string, revokedBy: string): Promise<void> {
    await tx.query(`UPDATE invitations SET revoked_at = now(), revoked_by = $2 WHERE id = $1`, [id, revokedBy]);
  }

  /** Revokes every pending invitation an inviter sent (they were deactivated); their ids. */
  async revokeInvitationsBy(tx: Db, inviterId: string, revokedBy: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `WITH revoked AS (
         UPDATE invitations SET revoked_at = now(), revoked_by = $2
          WHERE invited_by = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING id)
       SELECT id FROM revoked`,
      [inviterId, revokedBy],
    );
    return rows.map((row) => row.id);
  }

  async insertPasswordReset(tx: Db, reset: { userId: string; tokenHash: string; expiresAt: Date }): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES ($1, $2, $3) RETURNING id`,
      [reset.userId, reset.tokenHash, reset.expiresAt],
    );
    return row.id;
  }

  /** The user whose unused, unexpired reset this is; marks it, and every other open reset of theirs, used. */
  async takePasswordReset(tx: Db, tokenHash: string): Promise<{ userId: string; agencyId: string; email: string } | null> {
    const rows: { userId: string; agencyId: string; email: string }[] = await tx.query(
      `WITH taken AS (
         UPDATE password_resets SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING user_id)
       SELECT u.id AS "userId", u.agency_id AS "agencyId", u.email FROM taken t JOIN users u ON u.id = t.user_id WHERE u.active`,
      [tokenHash],
    );
    const found = rows[0];
    if (found) await tx.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [found.userId]);
    return found ?? null;
  }

  async insertApiToken(tx: Db, token: { userId: string; name: string; tokenHash: string; expiresAt: Date | null }): Promise<ApiTokenResponse> {
    const [row]: ApiTokenResponse[] = await tx.query(
      `INSERT INTO api_tokens (user_id, name, token_hash, expires_at) VALUES ($1, $2, $3, $4) RETURNING ${TOKEN_VIEW}`,
      [token.userId, token.name, token.tokenHash, token.expiresAt],
    );
    return row;
  }

  async listApiTokens(db: Db, userId: string): Promise<ApiTokenResponse[]> {
    return db.query(`SELECT ${TOKEN_VIEW} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id`, [userId]);
  }

  /** The token, revoked now (or earlier); null when the user has no such token. */
  async revokeApiToken(tx: Db, userId: string, id: string): Promise<ApiTokenResponse | null> {
    const rows: ApiTokenResponse[] = await tx.query(
      `WITH revoked AS (
         UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND user_id = $2 RETURNING *)
       SELECT ${TOKEN_VIEW} FROM revoked`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  /** Revokes every live token of the user (a new password, a changed second factor, deactivation); their ids. */
  async revokeAllApiTokens(tx: Db, userId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `WITH revoked AS (UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM revoked`,
      [userId],
    );
    return rows.map((row) => row.id);
  }

  /** The principal a live token speaks for: not revoked, not expired, its user active and agency not archived. */
  async findTokenPrincipal(db: Db, tokenHash: string): Promise<(Principal & { tokenId: string; lastUsedAt: Date | null }) | null> {
    const rows: (Principal & { tokenId: string; lastUsedAt: Date | null })[] = await db.query(
      `SELECT t.id AS "tokenId", t.last_used_at AS "lastUsedAt",
              u.id AS "userId", u.email, u.display_name AS "displayName", u.role, u.agency_id AS "agencyId", a.code AS "agencyCode",
              ${SECOND_FACTOR_STATE_SQL} AS "secondFactor"
         FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN agencies a ON a.id = u.agency_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
          AND u.active AND a.archived_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async touchApiToken(db: Db, tokenId: string): Promise<void> {
    await db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [tokenId]);
  }
}

/** The outbox key of an invitation's mail: written once, withdrawn with the invitation. */
export function invitationMailKey(invitationId: string): string {
  return `invitation:${invitationId}`;
}
