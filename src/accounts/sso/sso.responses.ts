import { ApiAlwaysTrue } from '../../openapi/always-true';
import type { PasswordLogin, SsoDefaultRole } from './sso.dto';

// What the API answers about single sign-on (OpenID Connect): the login page's options and an agency's settings.
// The Swagger plugin of `nest build` describes these classes in the OpenAPI document (see src/openapi).

/** The email's domain belongs to no agency with a provider (or the invitation's agency has none): a password. */
export class PasswordSignInOptionsResponse {
  method!: 'password';
}

/** An agency whose provider the login page offers. */
export class SsoAgencyOptionResponse {
  code!: string;
  name!: string;
}

/** The email's domain (or the invitation) belongs to agencies that sign in through their provider. */
export class ProviderSignInOptionsResponse {
  method!: 'provider';
  /** Several when agencies share the domain: the person chooses. */
  agencies!: SsoAgencyOptionResponse[];
  /** Whether the password step is also open to them (one of these agencies allows it). */
  passwordAllowed!: boolean;
}

/** How the login page continues after the email: GET /api/auth/sso/options. */
export type SignInOptions = PasswordSignInOptionsResponse | ProviderSignInOptionsResponse;

/** What anyone allowed to see the settings reads: never the secret, only whether there is one. */
export class AgencySsoResponse {
  agencyId!: string;
  issuer!: string;
  clientId!: string;
  clientSecretSet!: boolean;
  emailDomains!: string[];
  /** `disabled`: the agency's people sign in only through the provider. */
  passwordLogin!: PasswordLogin;
  /** The role of people created on their first sign-in. */
  defaultRole!: SsoDefaultRole;
  /** Where the provider sends the browser back: to register at the provider. */
  redirectUri!: string;
  version!: number;
  updatedAt!: Date;
}

/** The result of "test the connection": the provider's discovery document, read now. */
export class SsoConnectionCheckResponse {
  @ApiAlwaysTrue()
  ok!: true;
  issuer!: string;
  authorizationEndpoint!: string;
  tokenEndpoint!: string;
}
