import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class AcceptInvitationDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;

  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class PasswordResetRequestDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;
}

export class PasswordResetDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;

  @IsString()
  @MaxLength(1024)
  password!: string;
}

/** The second step of a sign-in, or a check of the current code: a code from the app, or one recovery code. */
export class SecondFactorDto {
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'code must be the 6 digits your authenticator app shows' })
  code?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^[\s-]*(?:[a-z0-9][\s-]*){10}$/i, { message: 'recoveryCode must be one of your recovery codes, 10 letters and digits (like abcde-fghij)' })
  recoveryCode?: string;
}

/** A change to one's own second factor: the current code from the app proves the app is still in hand. */
export class CurrentCodeDto {
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'code must be the 6 digits your authenticator app shows' })
  code!: string;
}
