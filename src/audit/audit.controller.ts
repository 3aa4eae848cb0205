import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '../common/pagination';
import { CurrentUser, type Principal } from '../common/principal';
import { AuditQuery } from './audit.dto';
import type { AuditEventView } from './audit.repository';
import { AuditTrail } from './audit.service';

@ApiTags('audit')
@Controller('admin/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  /** The secretariat's view of the audit trail, newest first. */
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: AuditQuery): Promise<Page<AuditEventView>> {
    return this.audit.list(user, query);
  }
}
