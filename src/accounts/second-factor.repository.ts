import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transactions';
import { secondFactorRequiredSql } from './role';

export interface StoredSecondFactor {
  sealedSecret: string;
  confirmed: boolean;
  enabledAt: Date | null;
  lastUsedStep: number;
}

/** The TOTP secret of each user (sealed) and their recovery codes (hashed). */
@Injectable()
export class SecondFactorRepository {
  async find(db: Db, userId: string): Promise<StoredSecondFactor | null> {
    const rows: StoredSecondFactor[] = await db.query(
      `SELECT secret_ciphertext AS "sealedSecret", confirmed_at IS NOT NULL AS confirmed, confirmed_at AS "enabledAt",
              last_used_step::int AS "lastUsedStep"
         FROM user_second_factors WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** A new secret awaiting its first code, replacing an earlier unconfirmed one; false when one is already on. */
  async savePending(tx: Db, userId: string, sealedSecret: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO user_second_factors (user_id, secret_ciphertext) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_ciphertext = EXCLUDED.secret_ciphertext, last_used_step = 0, created_at = now()
         WHERE user_second_factors.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, sealedSecret],
    );
    return rows.length === 1;
  }

  /**
   * Records that the code of `step` was used, and confirms a pending secret with it; false when that step (or a later
   * one) was used already, so that a code seen over someone's shoulder cannot be replayed (RFC 6238 §5.2).
   */
  async useStep(tx: Db, userId: string, step: number, options: { confirming: boolean }): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      // CTEs here and below, so that the driver answers rows (a bare UPDATE … RETURNING answers [rows, count]).
      `WITH used AS (
         UPDATE user_second_factors
            SET last_used_step = $2, confirmed_at = COALESCE(confirmed_at, CASE WHEN $3 THEN now() END)
          WHERE user_id = $1 AND last_used_step < $2 AND (confirmed_at IS NOT NULL) = NOT $3
          RETURNING user_id)
       SELECT user_id FROM used`,
      [userId, step, options.confirming],
    );
    return rows.length === 1;
  }

  async replaceRecoveryCodes(tx: Db, userId: string, hashes: string[]): Promise<void> {
    await tx.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
    await tx.query(`INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::char(64)[])`, [userId, hashes]);
  }

  /** Spends one recovery code; false when it is unknown or already spent. */
  async useRecoveryCode(tx: Db, userId: string, hash: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `WITH spent AS (UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id)
       SELECT id FROM spent`,
      [userId, hash],
    );
    return rows.length === 1;
  }

  async recoveryCodesLeft(db: Db, userId: string): Promise<number> {
    const rows: { left: number }[] = await db.query(`SELECT count(*)::int AS left FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [userId]);
    return rows[0]?.left ?? 0;
  }

  /** Removes the secret and the recovery codes; true when a second factor was on. */
  async remove(tx: Db, userId: string): Promise<boolean> {
    await tx.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
    const rows: { confirmed: boolean }[] = await tx.query(
      `WITH removed AS (DELETE FROM user_second_factors WHERE user_id = $1 RETURNING confirmed_at IS NOT NULL AS confirmed) SELECT confirmed FROM removed`,
      [userId],
    );
    return rows[0]?.confirmed ?? false;
  }

  /** Whether the user's role requires a second factor (demo accounts never do: production refuses them). */
  async isRequired(db: Db, userId: string): Promise<boolean> {
    const rows: { required: boolean }[] = await db.query(
      `SELECT ${secondFactorRequiredSql('u')} AS required FROM users u WHERE u.id = $1`,
      [userId],
    );
    return rows[0]?.required ?? false;
  }
}
