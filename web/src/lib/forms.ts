import type { UseFormReturnType } from '@mantine/form';
import { ApiError } from './api';
import { errorMessage } from './errors';

// Forms hold their values, dirty state and errors in @mantine/form; the rules are the server's (a 400 names the
// fields it refuses: src/common/validation.ts), so a refusal is shown under the fields it names, in the reader's
// language, and as a whole only when it names none of the form's fields.

/** The form's field a refused field belongs to (`emailDomains.2` is the email domains' input). */
const fieldOf = (path: string) => path.split('.')[0] ?? path;

/** Whether the refusal is shown under the form's fields: it names fields, all of them the form's own. */
export function refusesFieldsOf<Values extends object>(form: UseFormReturnType<Values>, error: unknown): error is ApiError {
  const values = form.getValues();
  return error instanceof ApiError && error.fields.length > 0 && error.fields.every((field) => fieldOf(field) in values);
}

/** A mutation's `onError`: puts the refusal's message under each field it names. */
export function showRefusal<Values extends object>(form: UseFormReturnType<Values>, error: unknown): void {
  if (!refusesFieldsOf(form, error)) return;
  const message = errorMessage(error);
  form.setErrors(Object.fromEntries(error.fields.map((field) => [fieldOf(field), message])));
}
