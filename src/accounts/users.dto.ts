import { Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class UsersQuery extends PageQuery {
  /** Agency code. */
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'agency must be an agency code such as FAO' })
  agency!: string;
}
