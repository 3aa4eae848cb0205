import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal } from '../common/principal';
import { presentActivityReport } from './activity-report-can';
import { ActivityReportsService } from './activity-reports.service';
import { CyclesService } from './cycles.service';
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
import {
  AccountabilityGridResponse,
  ActivityReportDetailResponse,
  ActivityReportDiffResponse,
  ActivityReportPage,
  ReportingCyclePage,
  ReportingCycleResponse,
} from './reporting.responses';

@ApiTags('cycles')
@Controller('cycles')
export class CyclesController {
  constructor(private readonly cycles: CyclesService) {}

  @Get()
  list(@Query() query: CyclesQuery): Promise<ReportingCyclePage> {
    return this.cycles.list(query);
  }

  @Get(':id')
  get(@UuidParam() id: string): Promise<ReportingCycleResponse> {
    return this.cycles.get(id);
  }

  @Post()
  create(@CurrentUser() user: Principal, @Body() dto: CreateCycleDto): Promise<ReportingCycleResponse> {
    return this.cycles.create(user, dto);
  }

  @Patch(':id')
  update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateCycleDto): Promise<ReportingCycleResponse> {
    return this.cycles.update(user, id, dto);
  }
}

@ApiTags('frameworks')
@Controller('frameworks')
export class AccountabilityController {
  constructor(private readonly cycles: CyclesService) {}

  /** Commitment × agency for one cycle, with each cell's report state. */
  @Get(':id/accountability')
  accountability(@UuidParam() id: string, @Query() query: AccountabilityQuery): Promise<AccountabilityGridResponse> {
    return this.cycles.accountability(id, query.cycleId);
  }
}

@ApiTags('activity-reports')
@Controller('activity-reports')
export class ActivityReportsController {
  constructor(private readonly reports: ActivityReportsService) {}

  @Get()
  async list(@CurrentUser() user: Principal, @Query() query: ActivityReportsQuery): Promise<ActivityReportPage> {
    const page = await this.reports.list(query);
    return { ...page, items: page.items.map((item) => presentActivityReport(user, item)) };
  }

  @Get(':id')
  async get(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<ActivityReportDetailResponse> {
    return presentActivityReport(user, await this.reports.get(id));
  }

  @Post()
  async create(@CurrentUser() user: Principal, @Body() dto: CreateActivityReportDto): Promise<ActivityReportDetailResponse> {
    return presentActivityReport(user, await this.reports.create(user, dto));
  }

  @Patch(':id')
  async update(
    @CurrentUser() user: Principal,
    @UuidParam() id: string,
    @Body() dto: UpdateActivityReportDto,
  ): Promise<ActivityReportDetailResponse> {
    return presentActivityReport(user, await this.reports.update(user, id, dto));
  }

  /** Word-level diff of the accepted narrative against the agency's previous accepted report on the commitment. */
  @Get(':id/diff')
  diff(@UuidParam() id: string): Promise<ActivityReportDiffResponse> {
    return this.reports.diffWithPrevious(id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  async submit(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionDto): Promise<ActivityReportDetailResponse> {
    return presentActivityReport(user, await this.reports.submit(user, id, dto));
  }

  @Post(':id/accept')
  @HttpCode(200)
  async accept(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionDto): Promise<ActivityReportDetailResponse> {
    return presentActivityReport(user, await this.reports.accept(user, id, dto));
  }

  @Post(':id/return')
  @HttpCode(200)
  async return(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionWithReasonDto): Promise<ActivityReportDetailResponse> {
    return presentActivityReport(user, await this.reports.return(user, id, dto));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  async reopen(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: TransitionWithReasonDto): Promise<ActivityReportDetailResponse> {
    return presentActivityReport(user, await this.reports.reopen(user, id, dto));
  }
}
