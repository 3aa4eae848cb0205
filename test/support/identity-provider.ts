import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContext } from 'oidc-provider';
import type { ApiClient } from './api-client';

/** A person at the agency's provider; `disabled` is how the agency's IT says they are gone. */
export interface ProviderAccount {
  /** The login name typed at the provider, and the `sub` of the ID token. */
  sub: string;
  email: string;
  emailVerified?: boolean;
  name?: string;
  /** The Authentication Method References the provider puts in the ID token (`['pwd', 'mfa']` after a second factor). */
  amr?: string[];
  disabled?: boolean;
}

/** A change the provider makes to the next ID token it issues, re-signed with its own key (a wrong `aud`, a past `exp`). */
export type IdTokenTamper = (claims: Record<string, unknown>) => Record<string, unknown>;

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, ProviderAccount>;
  add(account: ProviderAccount): ProviderAccount;
  /**
   * The next ID token from the token endpoint goes through `change` and is signed again with the provider's key, or
   * with `signWith: 'a foreign key'` (same key id, not the provider's: a forgery).
   */
  tamperNextIdToken(change: IdTokenTamper, options?: { signWith?: 'the provider key' | 'a foreign key' }): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider) on a loopback port, with one client registered for Concert
 * (`redirectUri`) and the accounts the test adds. Its development login form signs anyone in by login name, as the
 * agency's provider would after checking a password; consent is skipped (`loadExistingGrant`), as agencies do for
 * their own applications.
 */
export async function startIdentityProvider(options: { redirectUri: string }): Promise<TestIdentityProvider> {
  const accounts = new Map<string, ProviderAccount>();
  const clientId = `concert-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  let tamper: { change: IdTokenTamper; key: typeof privateKey } | null = null;

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    // `amr` listed so that it reaches the ID token (what the agency's provider says it checked).
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    // The email in the ID token itself, as most agencies' providers are set up for applications like Concert.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      if (!account || account.disabled) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name ?? id }),
      };
    },
    loadExistingGrant: async (ctx: KoaContext) => {
      const { client, session, provider: self } = ctx.oidc;
      const existing = session?.grantIdFor(client!.clientId);
      if (existing) return self.Grant.find(existing);
      const grant = new self.Grant({ clientId: client!.clientId, accountId: session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError: (ctx: KoaContext, out: Record<string, unknown>) => {
      ctx.body = out;
    },
  });

  // The development login form signs in with a login name only: the account's `amr` is what its provider checked, and
  // a disabled (or unknown) account is refused there, back to Concert with `access_denied`, as agencies' providers do.
  const finish = provider.interactionFinished.bind(provider);
  provider.interactionFinished = (request, response, result, finishOptions) => {
    const login = result.login as { accountId: string; amr?: string[] } | undefined;
    const account = login && accounts.get(login.accountId);
    if (login && (!account || account.disabled)) {
      return finish(request, response, { error: 'access_denied', error_description: 'This account is disabled.' }, finishOptions);
    }
    if (login) login.amr = account?.amr ?? ['pwd'];
    return finish(request, response, result, finishOptions);
  };
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === '/token' && ctx.method === 'POST' && tamper && body?.id_token) {
      ctx.body = { ...body, id_token: resign(body.id_token, tamper.change, tamper.key, kid) };
      tamper = null;
    }
  });

  const handle = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => handle(request, response));

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    add: (account) => {
      accounts.set(account.sub, account);
      return account;
    },
    tamperNextIdToken: (change, options = {}) => {
      tamper = { change, key: options.signWith === 'a foreign key' ? foreignKey : privateKey };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function resign(token: string, change: IdTokenTamper, privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'], kid: string): string {
  const [, payload] = token.split('.');
  const claims = change(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

/**
 * A browser going through a sign-in at the provider: Concert's start (the client's session cookie kept), the
 * provider's login form (its own cookies), and back. Answers the callback URL the provider redirected to, not yet
 * visited, so that a test can visit it, tamper with it or replay it.
 */
export async function loginAtProvider(concert: ApiClient, startPath: string, login: string): Promise<string> {
  const start = await concert.request('GET', startPath, undefined, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`start answered ${start.status}: ${JSON.stringify(start.body)}`);
  const jar = new Map<string, string>();
  let location = start.headers.get('location')!;
  const visit = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie && { cookie }) } });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  for (let hops = 0; hops < 10; hops++) {
    if (new URL(location).pathname === '/api/auth/sso/callback') return location;
    const response = await visit(location);
    if (response.status >= 300 && response.status < 400) {
      location = new URL(response.headers.get('location')!, location).toString();
      continue;
    }
    const page = await response.text();
    if (response.status !== 200 || !page.includes('name="login"')) throw new Error(`the provider answered ${response.status}: ${page.slice(0, 300)}`);
    const submit = await visit(location, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
    });
    if (submit.status < 300 || submit.status >= 400) throw new Error(`the provider's login form answered ${submit.status}: ${(await submit.text()).slice(0, 300)}`);
    location = new URL(submit.headers.get('location')!, location).toString();
  }
  throw new Error('the provider never sent the browser back to Concert');
}
