import { Param, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from './errors';

/** A `:name` path segment that must be a UUID; anything else is a 400 naming it, before any query runs. */
export const UuidParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new InvalidInputError(name, `${name} must be a UUID`) }));
