import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination.dto';
import type { MailKind, MailStatus } from './outbox.repository';

export class MailQuery extends PageQuery {
  @IsOptional()
  @IsIn(['pending', 'sent', 'failed', 'held'])
  status?: MailStatus;

  @IsOptional()
  @IsIn(['digest', 'reminder', 'invitation', 'password_reset', 'mention', 'action_item'])
  kind?: MailKind;
}
