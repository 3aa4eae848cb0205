import { UnsubscribeTokens } from './unsubscribe-tokens';

const MAIL = '0b6a3f7e-4c1d-4e8a-9f00-0123456789ab';
const USER = '7d1f0c2a-8b3e-4f5a-a6b7-c8d9e0f1a2b3';

describe('unsubscribe tokens', () => {
  const tokens = new UnsubscribeTokens('a-secret-of-at-least-thirty-two-characters!');

  it('verifies a token it signed for this mail and recipient', () => {
    const token = tokens.sign(MAIL, USER);
    expect(UnsubscribeTokens.mailIdOf(token)).toBe(MAIL);
    expect(tokens.verify(token, MAIL, USER)).toBe(true);
  });

  it('refuses another recipient, another secret and an altered signature', () => {
    const token = tokens.sign(MAIL, USER);
    expect(tokens.verify(token, MAIL, '00000000-0000-4000-8000-000000000000')).toBe(false);
    expect(new UnsubscribeTokens('another-secret-of-at-least-thirty-two-chars').verify(token, MAIL, USER)).toBe(false);
    const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(tokens.verify(altered, MAIL, USER)).toBe(false);
    expect(UnsubscribeTokens.mailIdOf('not-a-token')).toBeNull();
  });
});
