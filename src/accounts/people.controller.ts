import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PeopleSearchResponse } from './accounts.responses';
import { PeopleQuery } from './users.dto';
import { UsersService } from './users.service';

/** The directory every signed-in user may search, for mentions: name and agency, never email. */
@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(private readonly users: UsersService) {}

  /** Active users whose name (or a word of it) starts with `q`, 20 at most. */
  @Get()
  search(@Query() query: PeopleQuery): Promise<PeopleSearchResponse> {
    return this.users.people(query);
  }
}
