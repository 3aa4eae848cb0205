import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';
import { SecretBox } from '../common/secret-box';
import type { SecondFactorEnrolmentResponse } from './accounts.responses';
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

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function enrolment(secret: string, accountName: string): Promise<SecondFactorEnrolmentResponse> {
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

/** The TOTP secrets, sealed under TWO_FACTOR_KEY (the purpose label is that of the first release: keep it). */
export class TotpSecretBox extends SecretBox {
  constructor(keyMaterial: string) {
    super(keyMaterial, 'totp-secret-v1');
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
