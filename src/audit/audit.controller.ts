import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../common/principal';
import { AuditQuery } from './audit.dto';
import { AuditEventPage } from './audit.responses';
import { AuditTrail } from './audit.service';

@ApiTags('audit')
@Controller('admin/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  /** The secretariat's view of the audit trail, newest first. */
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: AuditQuery): Promise<AuditEventPage> {
    return this.audit.list(user, query);
  }
}
