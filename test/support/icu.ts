import { IntlMessageFormat } from 'intl-messageformat';

/** The arguments an ICU message names (`{agency}`, `{count, plural, …}`), wherever they sit in it, whatever its language. */
export function placeholders(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const element of elements) {
      // Every element but plain text (type 0) names an argument.
      if ('value' in element && typeof element.value === 'string' && Number(element.type) !== 0) names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}
