import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/params';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../common/principal';
import { AgenciesQuery, CreateAgencyDto, UpdateAgencyDto } from './agencies.dto';
import { AgencyPage, AgencyResponse } from './agencies.responses';
import { AgenciesService } from './agencies.service';

@ApiTags('agencies')
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  list(@Query() query: AgenciesQuery): Promise<AgencyPage> {
    return this.agencies.list(query);
  }

  @Get(':id')
  get(@UuidParam() id: string): Promise<AgencyResponse> {
    return this.agencies.get(id);
  }

  @Post()
  create(@CurrentUser() user: Principal, @Body() dto: CreateAgencyDto): Promise<AgencyResponse> {
    return this.agencies.create(user, dto);
  }

  @Patch(':id')
  update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateAgencyDto): Promise<AgencyResponse> {
    return this.agencies.update(user, id, dto);
  }
}
