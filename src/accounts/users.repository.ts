import { Injectable } from '@nestjs/common';
import type { Locale } from '../common/locales';
import type { Db } from '../database/transactions';
import type { Principal } from '../common/principal';
import { type Role, SECOND_FACTOR_STATE_SQL, type SecondFactorState } from './role';
import { User } from './user.entity';

export interface LoginCandidate extends Principal {
  passwordHash: string | null;
  active: boolean;
  demo: boolean;
  agencyName: string;
  /** The agency signs its people in only through its provider (agency_sso.password_login). */
  passwordLoginDisabled: boolean;
}

/** Whether the agency of the user `u` lets its people sign in only through its provider, as a SQL expression. */
const PASSWORD_LOGIN_DISABLED_SQL = `EXISTS (SELECT 1 FROM agency_sso s WHERE s.agency_id = u.agency_id AND s.password_login = 'disabled')`;

export interface ManagedUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  version: number;
  agencyId: string;
  agencyCode: string;
  secondFactor: SecondFactorState;
}

const MANAGED_COLUMNS = `
  u.id, u.email, u.display_name AS "displayName", u.role, u.active, u.version, u.agency_id AS "agencyId", a.code AS "agencyCode",
  ${SECOND_FACTOR_STATE_SQL} AS "secondFactor"`;

const PRINCIPAL_COLUMNS = `
  u.id AS "userId", u.email, u.display_name AS "displayName", u.role,
  u.agency_id AS "agencyId", a.code AS "agencyCode", ${SECOND_FACTOR_STATE_SQL} AS "secondFactor"`;

@Injectable()
export class UsersRepository {
  async findLoginCandidate(db: Db, email: string): Promise<LoginCandidate | null> {
    const rows: LoginCandidate[] = await db.query(
      `SELECT ${PRINCIPAL_COLUMNS}, u.password_hash AS "passwordHash", u.active, u.demo, a.name AS "agencyName",
              ${PASSWORD_LOGIN_DISABLED_SQL} AS "passwordLoginDisabled"
         FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.email = $1`,
      [email.trim().toLowerCase()],
    );
    return rows[0] ?? null;
  }

  /** The principal of an active user, or null when the user is gone or deactivated. */
  async findActivePrincipal(db: Db, userId: string): Promise<Principal | null> {
    const rows: Principal[] = await db.query(
      `SELECT ${PRINCIPAL_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = $1 AND u.active AND a.archived_at IS NULL`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async insert(
    db: Db,
    user: { email: string; displayName: string; agencyId: string; role: Role; passwordHash: string | null; demo?: boolean },
  ): Promise<User> {
    const repository = db.getRepository(User);
    return repository.save(
      repository.create({ ...user, email: user.email.trim().toLowerCase(), demo: user.demo ?? false, active: true, version: 1 }),
    );
  }

  /** A user with their agency's code, whatever their state: what managing them needs. */
  async findManaged(db: Db, userId: string): Promise<ManagedUser | null> {
    const rows: ManagedUser[] = await db.query(
      `SELECT ${MANAGED_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async emailTaken(db: Db, email: string): Promise<{ id: string; active: boolean; demo: boolean; passwordLoginDisabled: boolean } | null> {
    const rows: { id: string; active: boolean; demo: boolean; passwordLoginDisabled: boolean }[] = await db.query(
      `SELECT id, active, demo, ${PASSWORD_LOGIN_DISABLED_SQL} AS "passwordLoginDisabled" FROM users u WHERE email = $1`,
      [email.trim().toLowerCase()],
    );
    return rows[0] ?? null;
  }

  async setPassword(tx: Db, userId: string, passwordHash: string): Promise<void> {
    await tx.query(`UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
  }

  async listByAgency(db: Db, agencyId: string): Promise<ManagedUser[]> {
    return db.query(
      `SELECT ${MANAGED_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.agency_id = $1 ORDER BY u.display_name, u.id`,
      [agencyId],
    );
  }

  /**
   * The directory anyone signed in may search (for mentions): active users whose name, or a word of it, starts with
   * `q`; no email. At most `limit`.
   */
  people(db: Db, filter: { q?: string; agency?: string; limit: number }): Promise<Person[]> {
    const prefix = (filter.q ?? '').trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    return db.query(
      `SELECT u.id, u.display_name AS "displayName", a.code AS "agencyCode"
         FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.active AND a.archived_at IS NULL
          AND ($1 = '' OR lower(u.display_name) LIKE $1 || '%' OR lower(u.display_name) LIKE '% ' || $1 || '%')
          AND ($2::text IS NULL OR a.code = $2)
        ORDER BY u.display_name, u.id
        LIMIT $3`,
      [prefix, filter.agency ?? null, filter.limit],
    );
  }

  /** Those of `ids` that name active users, with their name, agency and email (for mail about them). */
  activePeople(db: Db, ids: readonly string[]): Promise<(Person & { email: string; agencyId: string })[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.query(
      `SELECT u.id, u.display_name AS "displayName", a.code AS "agencyCode", u.email, u.agency_id AS "agencyId"
         FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = ANY($1::uuid[]) AND u.active AND a.archived_at IS NULL`,
      [ids],
    );
  }

  /** The active focal points of an agency. */
  async focalPoints(db: Db, agencyId: string): Promise<string[]> {
    const rows: { id: string }[] = await db.query(`SELECT id FROM users WHERE agency_id = $1 AND role = 'focal_point' AND active`, [agencyId]);
    return rows.map((r) => r.id);
  }
  /** The languages these users chose (null: not chosen yet), in one query. */
  async localesOf(db: Db, userIds: readonly string[]): Promise<Map<string, Locale | null>> {
    if (userIds.length === 0) return new Map();
    const rows: { id: string; locale: Locale | null }[] = await db.query('SELECT id, locale FROM users WHERE id = ANY ($1::uuid[])', [userIds]);
    return new Map(rows.map((row) => [row.id, row.locale]));
  }

  async setLocale(db: Db, userId: string, locale: Locale): Promise<void> {
    await db.query('UPDATE users SET locale = $2 WHERE id = $1', [userId, locale]);
  }
}

/** A user as the directory shows them to anyone signed in. */
export interface Person {
  id: string;
  displayName: string;
  agencyCode: string;
}
