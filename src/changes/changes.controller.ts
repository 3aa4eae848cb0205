import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ChangesQuery } from './changes.dto';
import { ChangePage } from './changes.responses';
import { ChangesService } from './changes.service';

@ApiTags('changes')
@Controller('changes')
export class ChangesController {
  constructor(private readonly changes: ChangesService) {}

  @Get()
  list(@Query() query: ChangesQuery): Promise<ChangePage> {
    return this.changes.list(query);
  }
}
