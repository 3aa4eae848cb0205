import { HttpStatus, type ValidationError, ValidationPipe } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ValidateIf } from 'class-validator';
import { DomainError } from './errors';

/** A request that does not have the shape a route takes; names every field that is wrong. */
export class ValidationFailedError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(readonly fields: { field: string; problems: string[] }[]) {
    super(
      'validation_failed',
      fields.map((f) => f.problems.join('; ')).join('; '),
      { fields: fields.map((f) => f.field) },
    );
  }
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Every body and query is checked against its DTO: unknown fields are refused (not silently dropped), values
 * are converted only where the DTO says so, and the 400 names each field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: true,
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}

/**
 * A field an update may leave out, but not set to null: `@IsOptional()` would let null through to a NOT NULL column.
 */
export const IsOmittable = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/** The first path in a JSON value holding a string with a NUL character (which PostgreSQL cannot store). */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = findNul(child, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses text no column can hold, in one place for every route, naming the field. */
export function refuseNulCharacters(request: Request, _response: Response, next: NextFunction): void {
  const field = findNul(request.body, '') ?? findNul(request.query, '');
  if (field) return next(new ValidationFailedError([{ field, problems: [`${field} must not contain the NUL character`] }]));
  next();
}
