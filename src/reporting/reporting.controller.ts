import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '../common/pagination';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal } from '../common/principal';
import type { ActivityReportView } from './activity-reports.repository';
import { type ActivityReportDetail, type ActivityReportDiff, ActivityReportsService } from './activity-reports.service';
import { type AccountabilityGrid, CyclesService } from './cycles.service';
import {
  AccountabilityQuery,
  ActivityReportsQuery,
  CreateActivityReportDto,
  CreateCycleDto,
  CyclesQuery,
  TransitionDto,
  TransitionWithReasonDto,
  UpdateActivityReportDto,
  UpdateCycleDto,
} from './reporting.dto';
import { ReportingCycle } from './reporting-cycle.entity';

@ApiTags('cycles')
@Controller('cycles')
export class CyclesController {
  constructor(private readonly cycles: CyclesService) {}

  @Get()
  list(@Query() query: CyclesQuery): Promise<Page<ReportingCycle>> {
    return this.cycles.list(query);
  }

  @Get(':id')
  get(@UuidParam() id: string): Promise<ReportingCycle> {
    return this.cycles.get(id);
  }

  @Post()
  create(@CurrentUser() user: Principal, @Body() dto: CreateCycleDto): Promise<ReportingCycle> {
    return this.cycles.create(user, dto);
  }

  @Patch(':id')
  update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateCycleDto): Promise<ReportingCycle> {
    return this.cycles.update(user, id, dto);
  }
}

@ApiTags('frameworks')
@Controller('frameworks')
export class AccountabilityController {
  constructor(private readonly cycles: CyclesService) {}

  /** Commitment × agency for one cycle, with each cell's report state. */
  @Get(':id/accountability')
  accountability(@UuidParam() id: string, @Query() query: AccountabilityQuery): Promise<AccountabilityGrid> {
    return this.cycles.accountability(id, query.cycleId);
  }
}

@ApiTags('activity-reports')
@Controller('activity-reports')
export class ActivityReportsController {
  constructor(private readonly reports: ActivityReportsService) {}

  @Get()
  list(@Query() query: ActivityReportsQuery): Promise<Page<ActivityReportView>> {
    return this.reports.list(query);
  }

  @Get(':id')
  get(@UuidParam() id: string): Promise<ActivityReportDetail> {
    return this.reports.get(id);
  }

  @Post()
  create(@CurrentUser() user: Principal, @Body() dto: CreateActivityReportDto): Promise<ActivityReportDetail> {
    return this.reports.create(user, dto);
  }

  @Patch(':id')
  update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateActivityReportDto): Promise<ActivityReportDetail> {
    return this.reports.update(user, id, dto);
  }

  /** Word-level diff of the accepted narrative against the agency's previous accepted report on the commitment. */
  @Get(':id/diff')
  diff(@UuidParam() id: string): Promise<ActivityReportDiff> {
    return this.reports.diffWithPrevious(id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionDto): Promise<ActivityReportDetail> {
    return this.reports.submit(user, id, dto);
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionDto): Promise<ActivityReportDetail> {
    return this.reports.accept(user, id, dto);
  }

  @Post(':id/return')
  @HttpCode(200)
  return(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionWithReasonDto): Promise<ActivityReportDetail> {
    return this.reports.return(user, id, dto);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  reopen(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionWithReasonDto): Promise<ActivityReportDetail> {
    return this.reports.reopen(user, id, dto);
  }
}
