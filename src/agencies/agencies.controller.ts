import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/params';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '../common/pagination';
import { CurrentUser, type Principal } from '../common/principal';
import { AgenciesQuery, CreateAgencyDto, UpdateAgencyDto } from './agencies.dto';
import { AgenciesService } from './agencies.service';
import { Agency } from './agency.entity';

@ApiTags('agencies')
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  list(@Query() query: AgenciesQuery): Promise<Page<Agency>> {
    return this.agencies.list(query);
  }

  @Get(':id')
  get(@UuidParam() id: string): Promise<Agency> {
    return this.agencies.get(id);
  }

  @Post()
  create(@CurrentUser() user: Principal, @Body() dto: CreateAgencyDto): Promise<Agency> {
    return this.agencies.create(user, dto);
  }

  @Patch(':id')
  update(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: UpdateAgencyDto): Promise<Agency> {
    return this.agencies.update(user, id, dto);
  }
}
