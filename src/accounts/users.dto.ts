import { LOCALES, type Locale } from '../common/locales';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery, VersionedUpdate } from '../common/pagination.dto';
import { ROLES, type Role } from './role';

export class UsersQuery extends PageQuery {
  /** Agency code. */
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'agency must be an agency code such as FAO' })
  agency!: string;
}

/** The pending invitations of one agency. */
export class InvitationsQuery {
  /** Agency code. */
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'agency must be an agency code such as FAO' })
  agency!: string;
}

/** Change a user's role, or deactivate (active: false) or reactivate them. */
export class UpdateUserDto extends VersionedUpdate {
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class InviteUserDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName!: string;

  @IsIn(ROLES)
  role!: Role;

  /** The language the invitation mail is written in; by default, the inviter's. */
  @IsOptional()
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;

  /** Agency code: the inviter's own agency for a focal point. */
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'agency must be an agency code such as FAO' })
  agency!: string;
}

export class PeopleQuery {
  /** The start of a name (or of any word in it). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'agency must be an agency code such as FAO' })
  agency?: string;
}
