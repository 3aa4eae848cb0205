import { TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from '../lib/i18n';

/**
 * The 6-digit code an authenticator app shows. Phones offer the numeric keypad and, where they can, the code itself
 * (`one-time-code`); spaces and dashes a user pastes with it are dropped. The server's complaint about the code
 * (`error`) appears under the field and is announced.
 */
export function CodeInput({
  value,
  onChange,
  error,
  autoFocus = false,
  description,
}: {
  value: string;
  onChange: (code: string) => void;
  /** What the server said of the code, in words. */
  error?: ReactNode;
  autoFocus?: boolean;
  description?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('login.code')}
      description={description}
      required
      autoComplete="one-time-code"
      inputMode="numeric"
      autoFocus={autoFocus}
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
      error={error && <span role="alert">{error}</span>}
      styles={{ input: { maxWidth: 200, fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.2em' } }}
    />
  );
}
