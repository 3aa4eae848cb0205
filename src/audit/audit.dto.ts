import { Type } from 'class-transformer';
import { IsDate, IsEmail, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination.dto';
import { AUDIT_ACTIONS, type AuditAction } from './audit-action';

export class AuditQuery extends PageQuery {
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @IsOptional()
  @IsUUID('all', { message: 'actorUserId must be a UUID' })
  actorUserId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'subjectUserId must be a UUID' })
  subjectUserId?: string;

  /** Agency code. */
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'agency must be an agency code such as FAO' })
  agency?: string;

  /** The address a login attempt or invitation named. */
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'since must be a date-time' })
  since?: Date;

  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'until must be a date-time' })
  until?: Date;
}
