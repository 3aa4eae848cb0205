import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transactions';
import type { DigestFrequency, Frequency } from './digests.dto';
import type { FollowResponse } from './digests.responses';

export type FollowTarget = 'framework' | 'commitment';

export interface DigestPreferences {
  frequency: Frequency;
  hour: number;
  timeZone: string;
}

/** Until a user chooses, no digest is sent (reminders to focal points still are, at 07:00 UTC). */
export const DEFAULT_PREFERENCES: DigestPreferences = { frequency: 'off', hour: 7, timeZone: 'UTC' };

@Injectable()
export class FollowsRepository {
  async targetExists(db: Db, type: FollowTarget, id: string): Promise<boolean> {
    const table = type === 'framework' ? 'frameworks' : 'commitments';
    const rows: unknown[] = await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** Following false records an explicit unfollow, which wins over the agency's default. */
  async set(db: Db, userId: string, type: FollowTarget, id: string, following: boolean): Promise<void> {
    await db.query(
      `INSERT INTO follows (user_id, target_type, target_id, following) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, target_type, target_id) DO UPDATE SET following = EXCLUDED.following, updated_at = now()`,
      [userId, type, id, following],
    );
  }

  /** What the user follows now: explicit follows, and the agency's commitments unless unfollowed. */
  list(db: Db, userId: string): Promise<FollowResponse[]> {
    return db.query(
      `WITH me AS (SELECT id, agency_id FROM users WHERE id = $1)
       SELECT f.target_type AS "targetType", f.target_id AS "targetId", COALESCE(fw.code, c.reference) AS label, 'follows' AS reason
         FROM follows f
         LEFT JOIN frameworks fw ON f.target_type = 'framework' AND fw.id = f.target_id
         LEFT JOIN commitments c ON f.target_type = 'commitment' AND c.id = f.target_id
        WHERE f.user_id = $1 AND f.following
       UNION ALL
       SELECT 'commitment', c.id, c.reference, CASE ca.participation WHEN 'lead' THEN 'agency_leads' ELSE 'agency_contributes' END
         FROM me
         JOIN commitment_agencies ca ON ca.agency_id = me.agency_id
         JOIN commitments c ON c.id = ca.commitment_id AND c.archived_at IS NULL
        WHERE NOT EXISTS (SELECT 1 FROM follows x WHERE x.user_id = me.id AND x.target_type = 'commitment' AND x.target_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM follows x WHERE x.user_id = me.id AND x.target_type = 'framework' AND x.target_id = c.framework_id AND NOT x.following)
       ORDER BY 1 DESC, 3`,
      [userId],
    );
  }

  async preferences(db: Db, userId: string): Promise<DigestPreferences> {
    const rows: DigestPreferences[] = await db.query(
      `SELECT frequency, hour, time_zone AS "timeZone" FROM digest_preferences WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? DEFAULT_PREFERENCES;
  }

  async savePreferences(db: Db, userId: string, preferences: DigestPreferences): Promise<void> {
    await db.query(
      `INSERT INTO digest_preferences (user_id, frequency, hour, time_zone) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET frequency = EXCLUDED.frequency, hour = EXCLUDED.hour, time_zone = EXCLUDED.time_zone,
         version = digest_preferences.version + 1, updated_at = now()`,
      [userId, preferences.frequency, preferences.hour, preferences.timeZone],
    );
  }

  async turnOff(db: Db, userId: string): Promise<void> {
    await db.query(
      `INSERT INTO digest_preferences (user_id, frequency, hour, time_zone) VALUES ($1, 'off', $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET frequency = 'off', version = digest_preferences.version + 1, updated_at = now()`,
      [userId, DEFAULT_PREFERENCES.hour, DEFAULT_PREFERENCES.timeZone],
    );
  }
}

export type { DigestFrequency };
