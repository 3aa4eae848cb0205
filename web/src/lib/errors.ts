import i18next from 'i18next';
import { ApiError } from './api';

/**
 * The catalogue message for each error code the server sends (src/common/errors.ts and the modules' errors); the
 * server's own (English) sentence is shown only for a code not listed here. In the first load only the codes the
 * login page can get (its catalogue part takes only these messages: web/vite.config.mts); the others, and the
 * messages that say what a refusal's details mean, come with the parts behind the login (lib/error-messages.ts).
 */
export const MESSAGE: Record<string, string> = {
  offline: 'errors.offline',
  error: 'errors.error',
  bad_request: 'errors.bad_request',
  validation_failed: 'errors.validation_failed',
  invalid_input: 'errors.invalid_input',
  internal_error: 'errors.internal_error',
  cross_site_request: 'errors.cross_site_request',
  unauthenticated: 'errors.unauthenticated',
  access_revoked: 'errors.access_revoked',
  forbidden: 'errors.forbidden',
  not_found: 'errors.not_found',
  invalid_code: 'errors.invalid_code',
  // The same code for a recovery code (the error names the field).
  'invalid_code.recoveryCode': 'errors.invalid_recovery_code',
  no_provider: 'errors.no_provider',
  rate_limited: 'errors.too_many_requests',
  too_many_requests: 'errors.too_many_requests',
  too_many_attempts: 'errors.too_many_attempts',
  second_factor_required: 'errors.second_factor_required',
  sign_in_through_provider: 'errors.sign_in_through_provider',
};

/** A refusal's or a step's reason in words (lib/error-messages.ts), once loaded. */
let detailsMessage: ((error: ApiError) => string | null) | null = null;

/** Loads the messages of the codes only the pages behind the login get (lib/lazy-part.tsx). */
export async function loadAllErrorMessages(): Promise<void> {
  const more = await import('./error-messages');
  Object.assign(MESSAGE, more.MESSAGE);
  detailsMessage = more.detailsMessage;
}

/** A listed code's message, with what its details say (a thread's `state`); the details' other values are left out. */
export function codeMessage(key: string, details: Record<string, unknown> | undefined): string {
  const params = Object.fromEntries(Object.entries(details ?? {}).filter(([, value]) => typeof value === 'string' || typeof value === 'number'));
  return i18next.t(key, params);
}

/**
 * What went wrong, in the user's language. `messages` says a code more precisely where the page knows more (on the
 * login form, `unauthenticated` means a wrong email or password).
 */
export function errorMessage(error: unknown, messages: Record<string, string> = {}): string {
  if (error instanceof ApiError) {
    const refused = messages[error.code] ? null : (detailsMessage?.(error) ?? null);
    if (refused) return refused;
    const key = messages[error.code] ?? MESSAGE[`${error.code}.${error.fields[0]}`] ?? MESSAGE[error.code];
    return key ? codeMessage(key, error.details) : error.message;
  }
  return i18next.t('errors.error');
}

/** The heading over the message. */
export function errorHeading(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) return i18next.t('errors.heading.forbidden');
  if (error instanceof ApiError && error.status === 404) return i18next.t('errors.heading.notFound');
  if (error instanceof ApiError && error.status === 409) return i18next.t('errors.heading.conflict');
  return i18next.t('errors.heading.error');
}

/** What is wrong with this form field, when the error names it (so the form shows it under the field). */
export function fieldError(error: unknown, field: string): string | null {
  return error instanceof ApiError && error.fields.includes(field) ? errorMessage(error) : null;
}
