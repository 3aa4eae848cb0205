import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from './exception.filter';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request a browser sent from another site (CSRF): its Origin is not PUBLIC_URL's origin,
 * or the browser says Sec-Fetch-Site: cross-site / same-site. A request with neither header (a script, an agency's
 * system, curl) passes; so does one authenticated by `Authorization: Bearer`, which a page cannot make a browser add.
 * SameSite=Lax cookies already stop most of this; this holds where Lax does not (a sibling subdomain, old browsers).
 */
export function refuseCrossSiteWrites(publicUrl: string) {
  const allowedOrigin = new URL(publicUrl).origin;
  return (request: Request, response: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(request.method) || /^Bearer\s/i.test(request.headers.authorization ?? '')) return next();
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const sameOrigin = origin === allowedOrigin || (origin === undefined && (site === undefined || site === 'same-origin' || site === 'none'));
    // A browser behind a dev proxy may name another origin while it truly is same-origin: Sec-Fetch-Site says so.
    if (sameOrigin || (origin !== undefined && origin !== 'null' && site === 'same-origin')) return next();
    const body: ErrorBody = {
      statusCode: 403,
      error: { code: 'cross_site_request', message: 'This request came from another site and was refused. Use Concert from its own address.' },
    };
    response.status(403).json(body);
  };
}

/** Helmet's Content-Security-Policy for the browser client: same-origin scripts, Mantine's inline styles, the socket. */
export function contentSecurityPolicy(publicUrl: string): Record<string, string[]> {
  const url = new URL(publicUrl);
  const socketOrigin = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", socketOrigin],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}
