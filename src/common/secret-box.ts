import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A secret that must be read back in clear later (a TOTP secret to check codes against, a mail's link until it is
 * delivered) cannot be hashed: it is encrypted with AES-256-GCM under a key derived (HKDF-SHA256) from key material
 * and a purpose, so that a copy of the database alone (a backup, a dump) yields nothing, and a key of one purpose
 * opens nothing of another.
 */
export class SecretBox {
  private readonly key: Buffer;

  /** `purpose` is part of the key's derivation: changing it (or the key material) makes earlier boxes unreadable. */
  constructor(keyMaterial: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', keyMaterial, 'concert', purpose, 32));
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  /** Throws when the box was sealed under another key or altered. */
  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unknown format of a sealed secret.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
