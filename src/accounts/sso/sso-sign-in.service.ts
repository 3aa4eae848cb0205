import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import * as oidc from 'openid-client';
import { AuditTrail } from '../../audit/audit.service';
import { InvalidInputError } from '../../common/errors';
import type { Principal } from '../../common/principal';
import { AppConfig } from '../../config/app-config';
import { type Db, Transactions } from '../../database/transactions';
import { AuthService } from '../auth.service';
import { logIn, PENDING_SIGN_IN_MS, regenerateSession } from '../session-steps';
import { AccountLifecycle } from '../account-lifecycle.service';
import { InvalidAccountTokenError } from '../accounts.errors';
import { hashSecret } from '../secret-tokens';
import { UsersRepository } from '../users.repository';
import { ProviderClients, providerFailure } from './provider-clients';
import { type StoredAgencySso, SsoSettingsRepository } from './sso-settings.repository';
import { SSO_CALLBACK_PATH } from './sso-settings.service';
import { NoProviderError, SsoRefusal } from './sso.errors';
import type { SsoOptionsQuery, SsoStartQuery } from './sso.dto';
import type { SignInOptions } from './sso.responses';

/** How long the browser may take at the provider between start and callback. */
const FLOW_MS = 10 * 60 * 1000;

/**
 * `amr` values (RFC 8176) that say the provider checked more than a password: they meet the secretariat's two-factor
 * requirement. `mfa` says so outright; the others name a second factor.
 */
const MULTI_FACTOR_AMR = new Set(['mfa', 'otp', 'hwk', 'swk', 'sms', 'tel', 'fpt', 'face', 'iris', 'retina', 'vbm', 'sc']);

declare module 'express-session' {
  interface SessionData {
    /** A sign-in at an agency's provider under way: what the callback checks the answer against, used once. */
    ssoFlow?: { agencyId: string; state: string; nonce: string; codeVerifier: string; expiresAt: number; invitationHash?: string; returnTo?: string };
  }
}

/** What the person at the provider is, from the ID token (and the userinfo endpoint for what the token leaves out). */
interface ProviderIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  amr: string[];
}

/**
 * Signing in through an agency's OpenID Connect provider with openid-client: authorization code with PKCE (S256),
 * `state` and `nonce` held in the session; the ID token checked (issuer, audience, nonce, expiry, signature from the
 * provider's JWKS); the account found by (agency, sub), or on a first sign-in by a verified email in one of the
 * agency's domains, or created as the agency's default role. Every refusal is audited and creates nothing.
 */
@Injectable()
export class SsoSignIn {
  private readonly logger = new Logger(SsoSignIn.name);

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly settings: SsoSettingsRepository,
    private readonly clients: ProviderClients,
    private readonly users: UsersRepository,
    private readonly auth: AuthService,
    private readonly lifecycle: AccountLifecycle,
    private readonly audit: AuditTrail,
  ) {}

  /** From the email's domain only (no account is looked up): the answer says nothing about who has an account. */
  async options(query: SsoOptionsQuery): Promise<SignInOptions> {
    if (query.invitation !== undefined) {
      const invitation = await this.lifecycle.usableInvitation(query.invitation);
      if (!invitation) throw new InvalidAccountTokenError('invitation');
      const agency = await this.settings.find(this.transactions.db, invitation.agencyId);
      if (!agency) return { method: 'password' };
      return { method: 'provider', agencies: [{ code: agency.agencyCode, name: agency.agencyName }], passwordAllowed: agency.passwordLogin === 'allowed' };
    }
    if (query.email === undefined) throw new InvalidInputError('email', 'email: give the email address (or the invitation).');
    const agencies = await this.settings.byDomain(this.transactions.db, domainOf(query.email));
    if (agencies.length === 0) return { method: 'password' };
    return {
      method: 'provider',
      agencies: agencies.map((a) => ({ code: a.agencyCode, name: a.agencyName })),
      passwordAllowed: agencies.some((a) => a.passwordLogin === 'allowed'),
    };
  }

  /** The provider's authorization URL for this browser; the session keeps what the callback checks. */
  async start(request: Request, query: SsoStartQuery): Promise<string> {
    const agency = query.invitation !== undefined ? await this.agencyOfInvitation(query.invitation) : await this.agencyFor(query);
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configurationOf(agency);
    } catch (error) {
      // The browser came by a link, not by fetch: the login page says what happened.
      if (error instanceof SsoRefusal) return this.refused(error, request, agency.agencyId);
      throw error;
    }
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    request.session.ssoFlow = {
      agencyId: agency.agencyId,
      state,
      nonce,
      codeVerifier,
      expiresAt: Date.now() + FLOW_MS,
      // Its hash only: the session table does not hold a usable link.
      ...(query.invitation !== undefined && { invitationHash: hashSecret(query.invitation) }),
      ...(query.returnTo !== undefined && { returnTo: query.returnTo }),
    };
    return oidc
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(query.email && { login_hint: query.email.trim().toLowerCase() }),
      })
      .toString();
  }

  /**
   * The provider's answer: signs the user in on a fresh session and answers where the browser goes next (the
   * dashboard, the code step, or the login page with the reason of a refusal).
   */
  async finish(request: Request): Promise<string> {
    const flow = request.session.ssoFlow;
    delete request.session.ssoFlow;
    try {
      if (!flow || flow.expiresAt < Date.now()) {
        throw new SsoRefusal('no_sign_in_under_way', 'No sign-in was under way in this browser, or it took too long. Start again from the login page.');
      }
      const agency = await this.settings.find(this.transactions.db, flow.agencyId);
      if (!agency) throw new SsoRefusal('provider_error', 'This agency no longer signs in through a provider.');
      const identity = await this.identify(agency, request, flow);
      const principal = await this.accountOf(agency, identity, request.ip, flow.invitationHash);
      return await this.signIn(request, principal, identity, flow.returnTo ?? '/');
    } catch (error) {
      // The session stays as it was (a signed-in user who follows a stale callback link is not signed out).
      if (!(error instanceof SsoRefusal)) throw error;
      return this.refused(error, request, flow?.agencyId ?? null);
    }
  }

  /** Audits the refusal, and answers the login page that says it in words. */
  private async refused(error: SsoRefusal, request: Request, agencyId: string | null): Promise<string> {
    await this.audit.record({
      action: 'sso.refused',
      agencyId,
      email: typeof error.context.email === 'string' ? error.context.email : null,
      subjectUserId: typeof error.context.userId === 'string' ? error.context.userId : null,
      ip: request.ip,
      details: { reason: error.reason, ...error.context },
    });
    return `/login?sso_error=${error.reason}`;
  }

  private get redirectUri(): string {
    return `${this.config.publicUrl}${SSO_CALLBACK_PATH}`;
  }

  private async agencyOfInvitation(token: string): Promise<StoredAgencySso> {
    const invitation = await this.lifecycle.usableInvitation(token);
    if (!invitation) throw new InvalidAccountTokenError('invitation');
    const agency = await this.settings.find(this.transactions.db, invitation.agencyId);
    if (!agency) throw new NoProviderError('agency', `agency: ${invitation.agencyCode} does not sign in through a provider: accept the invitation with a password.`);
    return agency;
  }

  private async agencyFor(query: SsoStartQuery): Promise<StoredAgencySso> {
    const db = this.transactions.db;
    if (query.agency) {
      const agency = await this.settings.findByCode(db, query.agency);
      if (!agency) throw new NoProviderError('agency', `agency: ${query.agency} does not sign in through a provider.`);
      if (query.email && !agency.emailDomains.includes(domainOf(query.email))) {
        throw new NoProviderError('email', `email: ${query.agency} does not sign in addresses of ${domainOf(query.email)}.`);
      }
      return agency;
    }
    if (!query.email) throw new NoProviderError('email', 'email: give the email address, or the agency.');
    const agencies = await this.settings.byDomain(db, domainOf(query.email));
    if (agencies.length === 0) throw new NoProviderError('email', `email: no agency signs in addresses of ${domainOf(query.email)} through a provider.`);
    if (agencies.length > 1) {
      throw new NoProviderError('agency', `agency: ${domainOf(query.email)} belongs to ${agencies.map((a) => a.agencyCode).join(', ')}: choose yours.`);
    }
    return agencies[0];
  }

  private async configurationOf(agency: StoredAgencySso): Promise<oidc.Configuration> {
    try {
      return await this.clients.forAgency(agency);
    } catch (error) {
      this.logger.warn(`The provider of ${agency.agencyCode} (${agency.issuer}) does not answer: ${providerFailure(error)}`);
      throw new SsoRefusal('provider_error', `${agency.agencyName}'s sign-in service does not answer. Try again later.`, { issuer: agency.issuer });
    }
  }

  /** Exchanges the code and checks the ID token; any failure of the provider's answer is one refusal. */
  private async identify(agency: StoredAgencySso, request: Request, flow: NonNullable<Request['session']['ssoFlow']>): Promise<ProviderIdentity> {
    const configuration = await this.configurationOf(agency);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const currentUrl = new URL(`${this.redirectUri}${query}`);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      const context = { agency: agency.agencyCode, error: providerFailure(error) };
      if (error instanceof oidc.AuthorizationResponseError) {
        const said = `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`.slice(0, 300);
        throw new SsoRefusal('provider_error', `${agency.agencyName}'s sign-in service did not sign you in (${said}).`, { ...context, error: said });
      }
      throw new SsoRefusal('invalid_response', `${agency.agencyName}'s sign-in service sent an answer Concert cannot accept. Start again from the login page.`, context);
    }
    const claims = tokens.claims()!;
    let email = typeof claims.email === 'string' ? claims.email : null;
    let emailVerified = claims.email_verified === true;
    let name = typeof claims.name === 'string' ? claims.name : null;
    if (email === null && tokens.access_token) {
      // Many providers put the email in the ID token only when asked claim by claim: the userinfo endpoint has it.
      try {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        email = typeof info.email === 'string' ? info.email : null;
        emailVerified = info.email_verified === true;
        name ??= typeof info.name === 'string' ? info.name : null;
      } catch (error) {
        throw new SsoRefusal('invalid_response', `${agency.agencyName}'s sign-in service did not say who you are.`, { agency: agency.agencyCode, error: providerFailure(error) });
      }
    }
    const amr = Array.isArray(claims.amr) ? claims.amr.filter((value): value is string => typeof value === 'string') : [];
    return { subject: claims.sub, email: email?.trim().toLowerCase() ?? null, emailVerified, name, amr };
  }

  /** The account this person is in the agency: found, linked on a first sign-in, or created (audited). */
  /**
   * The account this person is in the agency: linked before; or, on a first sign-in with a verified email, the one an
   * invitation makes, the existing one of that email, or a new one (audited). In one transaction: a refusal leaves
   * nothing behind (an invitation stays usable).
   */
  private async accountOf(agency: StoredAgencySso, identity: ProviderIdentity, ip: string | undefined, invitationHash?: string): Promise<Principal> {
    const context = { agency: agency.agencyCode, subject: identity.subject, email: identity.email };
    return this.transactions.run(async (tx) => {
      const userId =
        (await this.settings.userOfIdentity(tx, { agencyId: agency.agencyId, issuer: agency.issuer, subject: identity.subject })) ??
        (await this.firstSignIn(tx, agency, verifiedEmail(agency, identity, context), identity, ip, invitationHash));
      await this.settings.linkIdentity(tx, { agencyId: agency.agencyId, subject: identity.subject, userId, issuer: agency.issuer });
      const principal = await this.users.findActivePrincipal(tx, userId);
      if (!principal) throw new SsoRefusal('deactivated', 'Your Concert account is deactivated. Ask your focal point.', { ...context, userId });
      if (principal.agencyId !== agency.agencyId) {
        throw new SsoRefusal('account_in_other_agency', `Your Concert account belongs to ${principal.agencyCode}, not to ${agency.agencyCode}.`, { ...context, userId });
      }
      return principal;
    });
  }

  private async firstSignIn(tx: Db, agency: StoredAgencySso, email: string, identity: ProviderIdentity, ip: string | undefined, invitationHash?: string): Promise<string> {
    const context = { agency: agency.agencyCode, subject: identity.subject, email };
    if (invitationHash) {
      // An invitation accepted at the provider: the account its inviter chose (role included), for that very address.
      const accepted = await this.lifecycle.acceptInvitationThroughProvider(tx, invitationHash, { email, agencyId: agency.agencyId }, ip);
      if (!accepted) throw new SsoRefusal('invitation_invalid', `This invitation is invalid, has expired, was used, or was sent to another address than ${email}.`, context);
      return accepted;
    }
    const domain = domainOf(email);
    if (!agency.emailDomains.includes(domain)) {
      throw new SsoRefusal('domain_not_agency', `${email} is not an address of ${agency.agencyName} (${agency.emailDomains.join(', ')}).`, context);
    }
    const existing = await this.users.findLoginCandidate(tx, email);
    if (existing && existing.agencyId !== agency.agencyId) {
      throw new SsoRefusal('account_in_other_agency', `${email} is an account of ${existing.agencyCode}, not of ${agency.agencyCode}.`, { ...context, userId: existing.userId });
    }
    if (existing) return existing.userId;
    // A domain several agencies share: the provider cannot vouch for the agency chosen, so nobody is created.
    const sharers = await this.settings.byDomain(tx, domain);
    if (sharers.length > 1) {
      throw new SsoRefusal('no_account', `${email} has no Concert account yet. Ask your focal point for an invitation.`, { ...context, sharedBy: sharers.map((a) => a.agencyCode) });
    }
    const created = await this.users.insert(tx, {
      email,
      displayName: (identity.name ?? email.split('@')[0]).slice(0, 120),
      agencyId: agency.agencyId,
      role: agency.defaultRole,
      passwordHash: null,
    });
    await this.audit.record(
      { action: 'sso.user_provisioned', actorUserId: created.id, subjectUserId: created.id, agencyId: agency.agencyId, email, ip, details: { ...context, role: agency.defaultRole, issuer: agency.issuer } },
      tx,
    );
    return created.id;
  }

  /** On a fresh session: signed in, or waiting for the TOTP code when the provider did not check a second factor. */
  private async signIn(request: Request, principal: Principal, identity: ProviderIdentity, returnTo: string): Promise<string> {
    const providerMfa = identity.amr.some((value) => MULTI_FACTOR_AMR.has(value));
    if (principal.secondFactor === 'on' && !providerMfa) {
      await regenerateSession(request);
      request.session.pendingSignIn = { userId: principal.userId, email: principal.email, expiresAt: Date.now() + PENDING_SIGN_IN_MS, via: 'provider' };
      return '/login?step=second-factor';
    }
    const method = providerMfa ? 'provider_mfa' : 'provider';
    await logIn(request, principal, method);
    await this.auth.signedIn(principal, request.ip, { method, amr: identity.amr });
    return returnTo;
  }
}

/** The provider's email for a first sign-in: present and verified, or a refusal. */
function verifiedEmail(agency: StoredAgencySso, identity: ProviderIdentity, context: Record<string, unknown>): string {
  if (!identity.email) throw new SsoRefusal('email_missing', `${agency.agencyName}'s sign-in service did not give your email address.`, context);
  if (!identity.emailVerified) throw new SsoRefusal('email_unverified', `${agency.agencyName}'s sign-in service has not verified ${identity.email}.`, context);
  return identity.email;
}

function domainOf(email: string): string {
  return email.trim().toLowerCase().split('@').pop() ?? '';
}
