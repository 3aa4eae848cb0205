import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from '../common/exception.filter';
import type { ApiTokens } from './api-tokens.service';

/**
 * `Authorization: Bearer <API token>` on /api requests: the request acts as the token's user, whatever cookie it
 * also carries. A token that is unknown, revoked or expired, or whose user is deactivated, is a 401 at once rather
 * than a fall-back to the cookie. Mounted on the HTTP app only: the socket handshake never reads it.
 */
export function bearerAuthentication(tokens: ApiTokens) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const header = request.headers.authorization;
    if (header === undefined || !request.path.startsWith('/api/')) return next();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const refuse = (message: string) => {
      const body: ErrorBody = { statusCode: 401, error: { code: 'unauthenticated', message } };
      response.status(401).setHeader('WWW-Authenticate', 'Bearer realm="concert"').json(body);
    };
    if (!match) return refuse('The Authorization header must be "Bearer <API token>".');
    tokens.authenticate(match[1], request.ip, `${request.method} ${request.path}`).then(
      (principal) => {
        if (!principal) return refuse('This API token is invalid, expired or revoked.');
        request.user = principal;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}
