import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-click unsubscribe tokens (RFC 8058): the mail's id and an HMAC over it and its recipient, keyed by the
 * deployment's SESSION_SECRET (domain-separated, so a token is no use as anything else). Nothing is stored:
 * the outbox row says who the mail went to and whether its link was used.
 */
export class UnsubscribeTokens {
  constructor(private readonly secret: string) {}

  sign(mailId: string, userId: string): string {
    return `${mailId}.${this.mac(mailId, userId)}`;
  }

  /** The mail id the token names, before its signature is checked against the recipient; null when malformed. */
  static mailIdOf(token: string): string | null {
    const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    return match ? match[1] : null;
  }

  verify(token: string, mailId: string, userId: string): boolean {
    const given = Buffer.from(token.slice(mailId.length + 1));
    const expected = Buffer.from(this.mac(mailId, userId));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(mailId: string, userId: string): string {
    return createHmac('sha256', this.secret).update(`concert-unsubscribe-v1:${mailId}:${userId}`).digest('base64url');
  }
}
