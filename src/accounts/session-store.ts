import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import { LRUCache } from 'lru-cache';
import type { Pool } from 'pg';

const PgStore = connectPgSimple(session);

/** Idle sessions end after this long; each request extends it (at most once every TOUCH_INTERVAL_MS). */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;
const READ_CACHE_TTL_MS = 5_000;

type Callback<T = unknown> = (error?: unknown, value?: T) => void;

/**
 * Sessions live in Postgres (connect-pg-simple) so they survive restarts and are shared by every process. In front
 * of it, a short read cache and a throttled touch: a logged-in API call then costs no session query at all most of
 * the time. A session destroyed in this process is gone at once; in another process within READ_CACHE_TTL_MS.
 */
export class CachedPgSessionStore extends PgStore {
  private readonly reads = new LRUCache<string, string>({ max: 20_000, ttl: READ_CACHE_TTL_MS });
  private readonly touchedAt = new LRUCache<string, number>({ max: 20_000, ttl: TOUCH_INTERVAL_MS });

  constructor(pool: Pool) {
    super({ pool, tableName: 'sessions', ttl: SESSION_IDLE_SECONDS, pruneSessionInterval: 15 * 60, createTableIfMissing: false });
  }

  /** Reads in flight, so that the requests of one session that miss the cache together share one query. */
  private readonly loading = new Map<string, Callback<session.SessionData | null>[]>();

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const cached = this.reads.get(sid);
    // Cached as JSON: express-session mutates what the store hands it, so each request gets its own copy.
    if (cached !== undefined) return callback(null, JSON.parse(cached) as session.SessionData);
    const waiting = this.loading.get(sid);
    if (waiting) return void waiting.push(callback);
    this.loading.set(sid, [callback]);
    super.get(sid, (error: unknown, data?: session.SessionData | null) => {
      const json = !error && data ? JSON.stringify(data) : undefined;
      if (json) this.reads.set(sid, json);
      const callbacks = this.loading.get(sid) ?? [];
      this.loading.delete(sid);
      for (const waiter of callbacks) waiter(error, json ? (JSON.parse(json) as session.SessionData) : null);
    });
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.reads.delete(sid);
    super.set(sid, data, (error: unknown) => {
      if (!error) {
        this.reads.set(sid, JSON.stringify(data));
        this.touchedAt.set(sid, Date.now());
      }
      callback?.(error);
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    this.reads.delete(sid);
    this.touchedAt.delete(sid);
    super.destroy(sid, ((error?: unknown) => callback?.(error)) as () => void);
  }

  /** Forgets a session another process ended (its row is already gone), so that this process stops reading it. */
  evict(sid: string): void {
    this.reads.delete(sid);
    this.touchedAt.delete(sid);
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    if (this.touchedAt.has(sid)) return callback?.();
    this.touchedAt.set(sid, Date.now());
    super.touch(sid, data, ((error?: unknown) => callback?.(error)));
  }
}
