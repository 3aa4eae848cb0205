import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal } from '../common/principal';
import { CommitmentsService } from './commitments.service';
import { presentCommitment } from './commitment-can';
import { presentFramework } from './framework-can';
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
import {
  CommitmentDetailResponse,
  CommitmentPage,
  CommitmentResponse,
  FrameworkPage,
  FrameworkResponse,
  IndicatorPage,
  IndicatorResponse,
  IndicatorValuePage,
} from './frameworks.responses';
import { FrameworksService } from './frameworks.service';
import { IndicatorsService } from './indicators.service';

@ApiTags('frameworks')
@Controller('frameworks')
export class FrameworksController {
  constructor(private readonly frameworks: FrameworksService) {}

  @Get()
  async list(@CurrentUser() user: Principal, @Query() query: FrameworksQuery): Promise<FrameworkPage> {
    const page = await this.frameworks.list(query);
    return { ...page, items: page.items.map((framework) => presentFramework(user, framework)) };
  }

  @Get(':id')
  async get(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<FrameworkResponse> {
    return presentFramework(user, await this.frameworks.get(id));
  }

  @Post()
  async create(@CurrentUser() user: Principal, @Body() dto: CreateFrameworkDto): Promise<FrameworkResponse> {
    return presentFramework(user, await this.frameworks.create(user, dto));
  }

  @Patch(':id')
  async update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateFrameworkDto): Promise<FrameworkResponse> {
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
  async list(@CurrentUser() user: Principal, @Query() query: CommitmentsQuery): Promise<CommitmentPage> {
    const page = await this.commitments.list(query);
    return { ...page, items: page.items.map((item) => presentCommitment(user, item)) };
  }

  @Get(':id')
  async get(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<CommitmentDetailResponse> {
    return presentCommitment(user, await this.commitments.get(id));
  }

  @Post()
  async create(@CurrentUser() user: Principal, @Body() dto: CreateCommitmentDto): Promise<CommitmentResponse> {
    return presentCommitment(user, await this.commitments.create(user, dto));
  }

  @Patch(':id')
  async update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateCommitmentDto): Promise<CommitmentResponse> {
    return presentCommitment(user, await this.commitments.update(user, id, dto));
  }

  @Get(':id/indicators')
  listIndicators(@UuidParam() id: string): Promise<IndicatorPage> {
    return this.indicators.listByCommitment(id);
  }

  @Post(':id/indicators')
  createIndicator(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: CreateIndicatorDto): Promise<IndicatorResponse> {
    return this.indicators.create(user, id, dto);
  }
}

@ApiTags('indicators')
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get(':id')
  get(@UuidParam() id: string): Promise<IndicatorResponse> {
    return this.indicators.get(id);
  }

  @Patch(':id')
  update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateIndicatorDto): Promise<IndicatorResponse> {
    return this.indicators.update(user, id, dto);
  }

  @Get(':id/values')
  values(@UuidParam() id: string, @Query() query: IndicatorValuesQuery): Promise<IndicatorValuePage> {
    return this.indicators.listValues(id, query);
  }
}
