import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './errors';

export interface ErrorBody {
  statusCode: number;
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Postgres error codes that mean the request, not the server, was wrong. */
const PG_CLIENT_ERRORS: Record<string, { status: HttpStatus; code: string; message: string }> = {
  '23505': { status: HttpStatus.CONFLICT, code: 'already_exists', message: 'That already exists.' },
  '23503': { status: HttpStatus.BAD_REQUEST, code: 'unknown_reference', message: 'It refers to something that does not exist.' },
  '23514': { status: HttpStatus.BAD_REQUEST, code: 'invalid_input', message: 'It breaks a rule of the data.' },
  '22P02': { status: HttpStatus.BAD_REQUEST, code: 'invalid_input', message: 'A value has the wrong form.' },
  '22003': { status: HttpStatus.BAD_REQUEST, code: 'invalid_input', message: 'A number is out of range.' },
  '22021': { status: HttpStatus.BAD_REQUEST, code: 'invalid_input', message: 'A text holds a character that cannot be stored.' },
  '23502': { status: HttpStatus.BAD_REQUEST, code: 'invalid_input', message: 'A required value is missing.' },
};

/** Turns every error into `{ statusCode, error: { code, message } }`; a 500 never says more than that it happened. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    // A refusal that ends at a known time (throttling) says when: RFC 9110 §10.2.3.
    const retryAfter = body.error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    // Nest wraps an error thrown inside body-parser (the JSON body check's, say) in an HttpException: answer its cause.
    if (exception instanceof HttpException && exception.cause instanceof DomainError) return this.toBody(exception.cause);
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, error: { code: exception.code, message: exception.message, details: exception.details } };
    }
    if (exception instanceof QueryFailedError) {
      const pgCode = (exception.driverError as { code?: string } | undefined)?.code ?? '';
      const known = PG_CLIENT_ERRORS[pgCode];
      if (known) {
        const constraint = (exception.driverError as { constraint?: string }).constraint;
        return { statusCode: known.status, error: { code: known.code, message: known.message, details: constraint ? { constraint } : undefined } };
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const given = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(given) ? given.join('; ') : typeof given === 'string' ? given : exception.message;
      return { statusCode: status, error: { code: httpCode(status), message } };
    }
    // Errors raised by Express's body parser (malformed JSON, body too large) carry their own status.
    const bodyParserStatus = (exception as { status?: unknown; type?: unknown } | null)?.status;
    if (typeof bodyParserStatus === 'number' && bodyParserStatus >= 400 && bodyParserStatus < 500) {
      const message = bodyParserStatus === 400 ? 'The request body is not valid JSON.' : (exception as Error).message;
      return { statusCode: bodyParserStatus, error: { code: httpCode(bodyParserStatus), message } };
    }
    return { statusCode: 500, error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' } };
  }
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'too_many_requests';
    default:
      return status >= 500 ? 'internal_error' : 'bad_request';
  }
}
