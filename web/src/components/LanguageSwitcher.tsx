import { NativeSelect, useDirection } from '@mantine/core';
import { useEffect } from 'react';
import { switchLocale, useTranslation } from '../lib/i18n';
import { isLocale, isRightToLeft, LOCALE_NAMES, LOCALES } from '../lib/locale';

/** Mantine's layout direction follows the language (Arabic mirrors the whole interface). */
export function LocaleDirection() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  useEffect(() => setDirection(isRightToLeft(i18n.language) ? 'rtl' : 'ltr'), [i18n.language, setDirection]);
  return null;
}

/** The six languages, each written in itself; the choice applies at once (and, signed in, is kept on the server). */
export function LanguageSwitcher({ signedIn = false }: { signedIn?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      label={t('language.label')}
      value={i18n.language}
      data={LOCALES.map((locale) => ({ value: locale, label: LOCALE_NAMES[locale] }))}
      onChange={(event) => {
        const locale = event.currentTarget.value;
        if (isLocale(locale)) void switchLocale(locale, signedIn);
      }}
    />
  );
}
