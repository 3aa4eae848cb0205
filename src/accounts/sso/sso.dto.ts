import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOmittable } from '../../common/validation';

export const PASSWORD_LOGIN = ['allowed', 'disabled'] as const;
export type PasswordLogin = (typeof PASSWORD_LOGIN)[number];

/** Single sign-on provisions staff only: a focal point or the secretariat is always a person's decision in Concert. */
export const SSO_DEFAULT_ROLES = ['staff'] as const;
export type SsoDefaultRole = (typeof SSO_DEFAULT_ROLES)[number];

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** An agency's OpenID Connect provider, as the secretariat sets it (PUT replaces it whole, but for the secret). */
export class AgencySsoDto {
  /** The provider's issuer identifier; its `/.well-known/openid-configuration` is fetched and checked on save. */
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }, { message: 'issuer must be the URL of an OpenID Connect issuer' })
  @MaxLength(2000)
  issuer!: string;

  /** Concert's client id at that provider. */
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientId!: string;

  /** Concert's client secret there: write-only (never answered); left out, the one stored stays. */
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  clientSecret?: string;

  /** The email domains whose people sign in there, in lower case (`wfp.org`). */
  @IsString({ each: true })
  @Matches(DOMAIN, { each: true, message: 'emailDomains must be domain names in lower case, such as wfp.org' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  emailDomains!: string[];

  /** `disabled`: the agency's people sign in only through the provider. */
  @IsIn(PASSWORD_LOGIN)
  passwordLogin!: PasswordLogin;

  /** The role of people created on their first sign-in. */
  @IsIn(SSO_DEFAULT_ROLES)
  defaultRole!: SsoDefaultRole;

  /** The `version` last read, when replacing settings that exist (optimistic concurrency); left out, the last write wins. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

/** How the login page continues after the email: password, or which agency's provider. */
export class SsoOptionsQuery {
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  /** The secret of an invitation link: where its acceptance goes (its agency's provider, or a password). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  invitation?: string;
}

export class SsoStartQuery {
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  /** Agency code, when the email's domain belongs to several agencies (or to choose the agency directly). */
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'agency must be an agency code such as FAO' })
  agency?: string;

  /** The secret of an invitation link, accepted at its agency's provider. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  invitation?: string;

  /** The page of Concert to open once signed in (a path on this server, such as a shared commitment's). */
  @IsOptional()
  @Matches(/^\/(?![/\\])[^\s\\]{0,1999}$/, { message: 'returnTo must be a path of this site, such as /commitments/…' })
  returnTo?: string;
}
