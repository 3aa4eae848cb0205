import { Injectable } from '@nestjs/common';
import type { Db } from '../../database/transactions';
import type { PasswordLogin, SsoDefaultRole } from './sso.dto';

export interface StoredAgencySso {
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  issuer: string;
  clientId: string;
  clientSecretCiphertext: string | null;
  emailDomains: string[];
  passwordLogin: PasswordLogin;
  defaultRole: SsoDefaultRole;
  version: number;
  updatedAt: Date;
}

const COLUMNS = `
  s.agency_id AS "agencyId", a.code AS "agencyCode", a.name AS "agencyName", s.issuer, s.client_id AS "clientId",
  s.client_secret_ciphertext AS "clientSecretCiphertext", s.email_domains AS "emailDomains",
  s.password_login AS "passwordLogin", s.default_role AS "defaultRole", s.version, s.updated_at AS "updatedAt"`;

export interface SsoSettingsWrite {
  issuer: string;
  clientId: string;
  clientSecretCiphertext: string | null;
  emailDomains: string[];
  passwordLogin: PasswordLogin;
  defaultRole: SsoDefaultRole;
  updatedBy: string;
}

/** The agencies' providers (table agency_sso) and which account each person at a provider is (sso_identities). */
@Injectable()
export class SsoSettingsRepository {
  async find(db: Db, agencyId: string, options: { lock?: boolean } = {}): Promise<StoredAgencySso | null> {
    const rows: StoredAgencySso[] = await db.query(
      `SELECT ${COLUMNS} FROM agency_sso s JOIN agencies a ON a.id = s.agency_id WHERE s.agency_id = $1 ${options.lock ? 'FOR UPDATE OF s' : ''}`,
      [agencyId],
    );
    return rows[0] ?? null;
  }

  async findByCode(db: Db, agencyCode: string): Promise<StoredAgencySso | null> {
    const rows: StoredAgencySso[] = await db.query(
      `SELECT ${COLUMNS} FROM agency_sso s JOIN agencies a ON a.id = s.agency_id WHERE a.code = $1 AND a.archived_at IS NULL`,
      [agencyCode],
    );
    return rows[0] ?? null;
  }

  /** Every (active) agency that lists this email domain, by code. */
  byDomain(db: Db, domain: string): Promise<StoredAgencySso[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM agency_sso s JOIN agencies a ON a.id = s.agency_id
        WHERE s.email_domains @> ARRAY[$1]::varchar[] AND a.archived_at IS NULL ORDER BY a.code`,
      [domain],
    );
  }

  async insert(db: Db, agencyId: string, settings: SsoSettingsWrite): Promise<void> {
    await db.query(
      `INSERT INTO agency_sso (agency_id, issuer, client_id, client_secret_ciphertext, email_domains, password_login, default_role, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [agencyId, settings.issuer, settings.clientId, settings.clientSecretCiphertext, settings.emailDomains, settings.passwordLogin, settings.defaultRole, settings.updatedBy],
    );
  }

  /** Called under the row's lock (find with `lock`), after its version was checked. */
  async update(db: Db, agencyId: string, settings: SsoSettingsWrite): Promise<void> {
    await db.query(
      `UPDATE agency_sso SET issuer = $2, client_id = $3, client_secret_ciphertext = $4, email_domains = $5, password_login = $6,
              default_role = $7, updated_by = $8, version = version + 1, updated_at = now()
        WHERE agency_id = $1`,
      [agencyId, settings.issuer, settings.clientId, settings.clientSecretCiphertext, settings.emailDomains, settings.passwordLogin, settings.defaultRole, settings.updatedBy],
    );
  }

  async delete(db: Db, agencyId: string): Promise<boolean> {
    const rows: unknown[] = await db.query(`DELETE FROM agency_sso WHERE agency_id = $1 RETURNING agency_id`, [agencyId]);
    return rows.length > 0;
  }

  /** The account of this person at this provider (a `sub` is unique only within its issuer). */
  async userOfIdentity(db: Db, identity: { agencyId: string; issuer: string; subject: string }): Promise<string | null> {
    const rows: { userId: string }[] = await db.query(
      `SELECT user_id AS "userId" FROM sso_identities WHERE agency_id = $1 AND subject = $2 AND issuer = $3`,
      [identity.agencyId, identity.subject, identity.issuer],
    );
    return rows[0]?.userId ?? null;
  }

  /**
   * Links the person at the provider to the account: one link per account and agency, the latest provider's (an
   * agency that moves to another provider links its people again, by verified email, on their next sign-in).
   */
  async linkIdentity(db: Db, identity: { agencyId: string; subject: string; userId: string; issuer: string }): Promise<void> {
    await db.query(
      `DELETE FROM sso_identities WHERE agency_id = $1 AND (subject = $2 OR user_id = $3) AND NOT (subject = $2 AND user_id = $3 AND issuer = $4)`,
      [identity.agencyId, identity.subject, identity.userId, identity.issuer],
    );
    await db.query(
      `INSERT INTO sso_identities (agency_id, subject, user_id, issuer) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agency_id, subject) DO UPDATE SET last_signed_in_at = now()`,
      [identity.agencyId, identity.subject, identity.userId, identity.issuer],
    );
  }
}
