import { InvalidInputError } from '../common/errors';

/** OWASP ASVS 4.0 §2.1: at least 12 characters, at most 128 kept, any character allowed, no composition rules. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/**
 * A short list of the passwords breach corpora show most (and this product's own words): ASVS 2.1.7 asks to refuse
 * breached passwords; without a network look-up, these patterns are the ones an attacker tries first.
 */
const COMMON = [
  'password',
  'passw0rd',
  'qwerty',
  'azerty',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'changeme',
  'concert',
  'secret',
  'dragon',
  'monkey',
  'football',
  'abc123',
  '123456',
  '111111',
  'unitednations',
];

/** Throws a 400 naming `password` when the new password is one ASVS says to refuse. */
export function checkNewPassword(password: string, email: string): void {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError('password', `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  }
  if (chars.length > MAX_PASSWORD_LENGTH) {
    throw new InvalidInputError('password', `The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`);
  }
  const folded = password.toLowerCase().replace(/[\s_.-]/g, '');
  const localPart = email.split('@')[0].toLowerCase();
  if (new Set(chars).size <= 3 || isSequence(folded)) {
    throw new InvalidInputError('password', 'The password is too easy to guess: choose a longer phrase.');
  }
  if (localPart.length >= 4 && folded.includes(localPart.replace(/[\s_.-]/g, ''))) {
    throw new InvalidInputError('password', 'The password must not contain your email address.');
  }
  const stripped = folded.replace(/[\d!@#$%^&*?]+$/, '').replace(/^[\d!@#$%^&*?]+/, '');
  if (COMMON.some((word) => stripped === word || stripped.replaceAll(word, '').length === 0)) {
    throw new InvalidInputError('password', 'That password appears in lists of breached passwords: choose another.');
  }
}

/** "123456789012", "abcdefghijkl": each character the one after the previous. */
function isSequence(text: string): boolean {
  for (let i = 1; i < text.length; i++) if (text.charCodeAt(i) !== text.charCodeAt(i - 1) + 1) return false;
  return true;
}
