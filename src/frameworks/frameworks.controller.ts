import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '../common/pagination';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal } from '../common/principal';
import { type CommitmentDetail, CommitmentsService } from './commitments.service';
import { presentCommitment, type PresentedCommitment } from './commitment-can';
import type { CommitmentListItem, CommitmentView } from './commitments.repository';
import { presentFramework, type PresentedFramework } from './framework-can';
import {
  CommitmentsQuery,
  CreateCommitmentDto,
  CreateFrameworkDto,
  CreateIndicatorDto,
  FrameworksQuery,
  IndicatorValuesQuery,
  UpdateCommitmentDto,
  UpdateFrameworkDto,
  UpdateIndicatorDto,
} from './frameworks.dto';
import { FrameworksService } from './frameworks.service';
import { Indicator } from './indicator.entity';
import type { IndicatorValueView } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

@ApiTags('frameworks')
@Controller('frameworks')
export class FrameworksController {
  constructor(private readonly frameworks: FrameworksService) {}

  @Get()
  async list(@CurrentUser() user: Principal, @Query() query: FrameworksQuery): Promise<Page<PresentedFramework>> {
    const page = await this.frameworks.list(query);
    return { ...page, items: page.items.map((framework) => presentFramework(user, framework)) };
  }

  @Get(':id')
  async get(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<PresentedFramework> {
    return presentFramework(user, await this.frameworks.get(id));
  }

  @Post()
  async create(@CurrentUser() user: Principal, @Body() dto: CreateFrameworkDto): Promise<PresentedFramework> {
    return presentFramework(user, await this.frameworks.create(user, dto));
  }

  @Patch(':id')
  async update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateFrameworkDto): Promise<PresentedFramework> {
    return presentFramework(user, await this.frameworks.update(user, id, dto));
  }
}

@ApiTags('commitments')
@Controller('commitments')
export class CommitmentsController {
  constructor(
    private readonly commitments: CommitmentsService,
    private readonly indicators: IndicatorsService,
  ) {}

  /** The items leave out `description` (lists do not show it); GET /api/commitments/:id has it. */
  @Get()
  @ApiOperation({ summary: 'A page of commitments, without their descriptions (GET /api/commitments/:id has them)' })
  async list(@CurrentUser() user: Principal, @Query() query: CommitmentsQuery): Promise<Page<PresentedCommitment<CommitmentListItem>>> {
    const page = await this.commitments.list(query);
    return { ...page, items: page.items.map((item) => presentCommitment(user, item)) };
  }

  @Get(':id')
  async get(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<PresentedCommitment<CommitmentDetail>> {
    return presentCommitment(user, await this.commitments.get(id));
  }

  @Post()
  async create(@CurrentUser() user: Principal, @Body() dto: CreateCommitmentDto): Promise<PresentedCommitment<CommitmentView>> {
    return presentCommitment(user, await this.commitments.create(user, dto));
  }

  @Patch(':id')
  async update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateCommitmentDto): Promise<PresentedCommitment<CommitmentView>> {
    return presentCommitment(user, await this.commitments.update(user, id, dto));
  }

  @Get(':id/indicators')
  listIndicators(@UuidParam() id: string): Promise<Page<Indicator>> {
    return this.indicators.listByCommitment(id);
  }

  @Post(':id/indicators')
  createIndicator(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: CreateIndicatorDto): Promise<Indicator> {
    return this.indicators.create(user, id, dto);
  }
}

@ApiTags('indicators')
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get(':id')
  get(@UuidParam() id: string): Promise<Indicator> {
    return this.indicators.get(id);
  }

  @Patch(':id')
  update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateIndicatorDto): Promise<Indicator> {
    return this.indicators.update(user, id, dto);
  }

  @Get(':id/values')
  values(@UuidParam() id: string, @Query() query: IndicatorValuesQuery): Promise<Page<IndicatorValueView>> {
    return this.indicators.listValues(id, query);
  }
}
