import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '../common/pagination';
import { CurrentUser, type Principal } from '../common/principal';
import { UsersQuery } from './users.dto';
import { type UserView, UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** An agency's users: its focal points see their own agency's, the secretariat every agency's. */
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: UsersQuery): Promise<Page<UserView>> {
    return this.users.list(user, query);
  }
}
