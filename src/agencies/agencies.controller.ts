import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/params';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '../common/pagination';
import { CurrentUser, type Principal } from '../common/principal';
import { AgenciesQuery, CreateAgencyDto, UpdateAgencyDto } from './agencies.dto';
import { AgenciesService, type AgencyView } from './agencies.service';

@ApiTags('agencies')
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  list(@Query() query: AgenciesQuery): Promise<Page<AgencyView>> {
    return this.agencies.list(query);
  }

  @Get(':id')
  get(@UuidParam() id: string): Promise<AgencyView> {
    return this.agencies.get(id);
  }

  @Post()
  create(@CurrentUser() user: Principal, @Body() dto: CreateAgencyDto): Promise<AgencyView> {
    return this.agencies.create(user, dto);
  }

  @Patch(':id')
  update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateAgencyDto): Promise<AgencyView> {
    return this.agencies.update(user, id, dto);
  }
}
