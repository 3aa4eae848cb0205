import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '../common/pagination';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal } from '../common/principal';
import { presentActivityReport, type PresentedActivityReport } from './activity-report-can';
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
  async list(@CurrentUser() user: Principal, @Query() query: ActivityReportsQuery): Promise<Page<PresentedActivityReport<ActivityReportView>>> {
    const page = await this.reports.list(query);
    return { ...page, items: page.items.map((item) => presentActivityReport(user, item)) };
  }

  @Get(':id')
  async get(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<PresentedActivityReport<ActivityReportDetail>> {
    return presentActivityReport(user, await this.reports.get(id));
  }

  @Post()
  async create(@CurrentUser() user: Principal, @Body() dto: CreateActivityReportDto): Promise<PresentedActivityReport<ActivityReportDetail>> {
    return presentActivityReport(user, await this.reports.create(user, dto));
  }

  @Patch(':id')
  async update(
    @CurrentUser() user: Principal,
    @UuidParam() id: string,
    @Body() dto: UpdateActivityReportDto,
  ): Promise<PresentedActivityReport<ActivityReportDetail>> {
    return presentActivityReport(user, await this.reports.update(user, id, dto));
  }

  /** Word-level diff of the accepted narrative against the agency's previous accepted report on the commitment. */
  @Get(':id/diff')
  diff(@UuidParam() id: string): Promise<ActivityReportDiff> {
    return this.reports.diffWithPrevious(id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  async submit(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionDto): Promise<PresentedActivityReport<ActivityReportDetail>> {
    return presentActivityReport(user, await this.reports.submit(user, id, dto));
  }

  @Post(':id/accept')
  @HttpCode(200)
  async accept(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionDto): Promise<PresentedActivityReport<ActivityReportDetail>> {
    return presentActivityReport(user, await this.reports.accept(user, id, dto));
  }

  @Post(':id/return')
  @HttpCode(200)
  async return(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionWithReasonDto): Promise<PresentedActivityReport<ActivityReportDetail>> {
    return presentActivityReport(user, await this.reports.return(user, id, dto));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  async reopen(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionWithReasonDto): Promise<PresentedActivityReport<ActivityReportDetail>> {
    return presentActivityReport(user, await this.reports.reopen(user, id, dto));
  }
}
