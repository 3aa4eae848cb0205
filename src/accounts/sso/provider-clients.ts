import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import * as oidc from 'openid-client';
import { InvalidInputError } from '../../common/errors';
import { SecretBox } from '../../common/secret-box';
import { AppConfig } from '../../config/app-config';
import type { StoredAgencySso } from './sso-settings.repository';

/** How long Concert waits for a provider (discovery, token endpoint, JWKS), in seconds. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** The client secrets at the agencies' providers, sealed like the TOTP secrets (a key of its own purpose). */
export class ClientSecretBox extends SecretBox {
  constructor(keyMaterial: string) {
    super(keyMaterial, 'sso-client-secret-v1');
  }
}

/**
 * openid-client configurations for the agencies' providers: discovery (`/.well-known/openid-configuration`, whose
 * `issuer` must be the one configured), the client's authentication (its secret, or none for a public client with
 * PKCE), and ID tokens checked against the provider's JWKS. Plain http only outside production (a provider on the
 * same machine, the tests' provider). One discovery per agency and version of its settings, kept a few minutes.
 */
@Injectable()
export class ProviderClients {
  readonly secrets: ClientSecretBox;
  private readonly cache = new LRUCache<string, Promise<oidc.Configuration>>({ max: 200, ttl: 10 * 60_000 });

  constructor(private readonly config: AppConfig) {
    this.secrets = new ClientSecretBox(config.twoFactorKey);
  }

  /** The configuration for an agency's stored settings (discovered once per settings version). */
  forAgency(settings: StoredAgencySso): Promise<oidc.Configuration> {
    // updatedAt too: settings removed and made again start over at version 1.
    const key = `${settings.agencyId}:${settings.version}:${new Date(settings.updatedAt).getTime()}`;
    let configuration = this.cache.get(key);
    if (!configuration) {
      const secret = settings.clientSecretCiphertext ? this.secrets.open(settings.clientSecretCiphertext) : null;
      configuration = this.discover(settings.issuer, settings.clientId, secret);
      configuration.catch(() => this.cache.delete(key));
      this.cache.set(key, configuration);
    }
    return configuration;
  }

  /**
   * Fetches and checks the provider's discovery document: a 400 naming `issuer` when it does not answer as an OpenID
   * Connect provider for exactly this issuer.
   */
  async validate(issuer: string, clientId: string, secret: string | null): Promise<oidc.Configuration> {
    try {
      return await this.discover(issuer, clientId, secret);
    } catch (error) {
      if (error instanceof InvalidInputError) throw error;
      throw new InvalidInputError('issuer', `issuer: ${issuer} does not answer as an OpenID Connect provider (${providerFailure(error)}).`);
    }
  }

  private async discover(issuer: string, clientId: string, secret: string | null): Promise<oidc.Configuration> {
    const url = new URL(issuer);
    const insecure = url.protocol === 'http:';
    if (insecure && this.config.production) {
      throw new InvalidInputError('issuer', 'issuer must be an https URL: plain http is accepted only outside production.');
    }
    const execute = [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])];
    const configuration = await oidc.discovery(url, clientId, secret ?? undefined, secret ? oidc.ClientSecretPost(secret) : oidc.None(), {
      execute,
      timeout: PROVIDER_TIMEOUT_SECONDS,
    });
    const metadata = configuration.serverMetadata();
    if (!metadata.authorization_endpoint || !metadata.token_endpoint || !metadata.jwks_uri) {
      throw new InvalidInputError('issuer', `issuer: ${issuer}'s discovery document lacks an authorization, token or JWKS endpoint.`);
    }
    if (metadata.code_challenge_methods_supported && !metadata.code_challenge_methods_supported.includes('S256')) {
      throw new InvalidInputError('issuer', `issuer: ${issuer} does not support PKCE with S256, which Concert requires.`);
    }
    return configuration;
  }
}

/** A provider's failure in a sentence: openid-client's message, and its cause's (the network error) when there is one. */
export function providerFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 300);
}
