import { createHash, randomBytes } from 'node:crypto';

/**
 * The secrets sent by mail or shown once (invitation, password reset, API token): 256 random bits, stored only as
 * their SHA-256. A fast hash is enough for a secret that cannot be guessed; the database alone never lets anyone in.
 */
export function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
