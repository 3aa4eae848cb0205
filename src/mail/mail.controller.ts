import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal } from '../common/principal';
import { MailQuery } from './mail.dto';
import { MailboxService } from './mailbox.service';
import { MailResponse, MailSummaryPage } from './mail.responses';

@ApiTags('mail')
@Controller('admin/mail')
export class MailController {
  constructor(private readonly mailbox: MailboxService) {}

  @Get()
  list(@CurrentUser() user: Principal, @Query() query: MailQuery): Promise<MailSummaryPage> {
    return this.mailbox.list(user, query);
  }

  /** One mail with its bodies; a secret link in it is shown redacted. Audited. */
  @Get(':id')
  get(@CurrentUser() user: Principal, @UuidParam() id: string, @Req() request: Request): Promise<MailResponse> {
    return this.mailbox.get(user, id, request.ip);
  }
}
