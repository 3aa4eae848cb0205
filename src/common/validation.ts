import { HttpStatus, type ValidationError, ValidationPipe } from '@nestjs/common';
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
