import { codeAt, currentStep, matchingStep, newRecoveryCodes, recoveryCodeHash, TotpSecretBox } from './totp';

/** RFC 6238 Appendix B's SHA-1 secret, "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('gives RFC 6238’s test values (their last six digits) for its SHA-1 secret', () => {
    expect(codeAt(RFC_SECRET, Math.floor(59 / 30))).toBe('287082');
    expect(codeAt(RFC_SECRET, Math.floor(1111111109 / 30))).toBe('081804');
    expect(codeAt(RFC_SECRET, Math.floor(1234567890 / 30))).toBe('005924');
    expect(codeAt(RFC_SECRET, Math.floor(2000000000 / 30))).toBe('279037');
  });

  it('matches a code to its step one step either side of now, and nothing further', () => {
    const now = 1_111_111_109_000;
    const step = currentStep(now);
    expect(matchingStep(RFC_SECRET, '081804', now)).toBe(step);
    expect(matchingStep(RFC_SECRET, codeAt(RFC_SECRET, step - 1), now)).toBe(step - 1);
    expect(matchingStep(RFC_SECRET, codeAt(RFC_SECRET, step + 1), now)).toBe(step + 1);
    expect(matchingStep(RFC_SECRET, codeAt(RFC_SECRET, step + 2), now)).toBeNull();
    expect(matchingStep(RFC_SECRET, '081 804', now)).toBe(step);
    expect(matchingStep(RFC_SECRET, '08180', now)).toBeNull();
  });
});

describe('TotpSecretBox', () => {
  it('opens what it sealed, seals the same secret differently each time, and refuses a changed box or key', () => {
    const box = new TotpSecretBox('a key of at least thirty-two characters');
    const first = box.seal(RFC_SECRET);
    const second = box.seal(RFC_SECRET);
    expect(first).not.toBe(second);
    expect(box.open(first)).toBe(RFC_SECRET);
    const [version, iv, tag, data] = first.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => new TotpSecretBox('another key of thirty-two characters!!').open(first)).toThrow();
  });
});

describe('recovery codes', () => {
  it('makes ten distinct codes whose hashes match them however they are typed back', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(hashes).toEqual(codes.map(recoveryCodeHash));
    const [code] = codes;
    expect(recoveryCodeHash(code.toUpperCase())).toBe(hashes[0]);
    expect(recoveryCodeHash(` ${code.replace('-', '')} `)).toBe(hashes[0]);
    expect(recoveryCodeHash(code.replace('-', ' - '))).toBe(hashes[0]);
    expect(recoveryCodeHash(codes[1])).not.toBe(hashes[0]);
  });
});
