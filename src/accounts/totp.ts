import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';
import { hashSecret } from './secret-tokens';

/**
 * RFC 6238 with the parameters every authenticator app understands: HMAC-SHA1, 6 digits, 30-second steps, 160-bit
 * secrets. A code is accepted one step either side of now (clock drift), and never twice (the caller keeps the last
 * step used).
 */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
const DRIFT_STEPS = 1;
const ISSUER = 'Concert';

export const RECOVERY_CODE_COUNT = 10;

export interface Enrolment {
  /** Base32, for typing into an app by hand. */
  secret: string;
  /** otpauth://totp/… for the QR code. */
  uri: string;
  /** The URI as a PNG data: URL, to show as an image. */
  qrCode: string;
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function enrolment(secret: string, accountName: string): Promise<Enrolment> {
  const uri = totp(secret, accountName).toString();
  return { secret, uri, qrCode: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 220 }) };
}

/** The time step a code belongs to, or null when it is none of the steps around now. */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now, window: DRIFT_STEPS });
  return delta === null ? null : currentStep(now) + delta;
}

export function currentStep(now = Date.now()): number {
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp: now });
}

/** The code of a given step: what an authenticator app shows (used by tests and by nothing else in the server). */
export function codeAt(secret: string, step: number): string {
  return totp(secret).generate({ timestamp: step * PERIOD_SECONDS * 1000 });
}

function totp(secret: string, label = 'Concert'): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/**
 * The TOTP secret is needed in clear to check a code, so it cannot be hashed: it is encrypted with AES-256-GCM under a
 * key derived (HKDF) from TWO_FACTOR_KEY, so that a copy of the database alone (a backup, a dump) yields no secrets.
 */
export class TotpSecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string) {
    this.key = Buffer.from(hkdfSync('sha256', keyMaterial, 'concert', 'totp-secret-v1', 32));
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unknown format of a sealed TOTP secret.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/**
 * Recovery codes: ten of ten characters from 31 (49 random bits) each, written `abcde-fghij` (a Crockford-like alphabet without 0/o, 1/l),
 * stored as SHA-256 like every other unguessable secret here.
 */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  return { codes, hashes: codes.map(recoveryCodeHash) };
}

/** Case, spaces and the dash do not matter when the code is typed back. */
export function recoveryCodeHash(code: string): string {
  const compact = code.toLowerCase().replace(/[\s-]+/g, '');
  return hashSecret(`${compact.slice(0, 5)}-${compact.slice(5)}`);
}
