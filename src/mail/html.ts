import { escapeHtml } from '../common/escape-html';

export { escapeHtml };
/** HTML that has already been escaped (or written by us): the only thing `html` lets through unchanged. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}


function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return escapeHtml(JSON.stringify(value));
}

/**
 * The one way mail HTML is written: every interpolated value is escaped unless it is SafeHtml (the output of another
 * `html` template), so user text cannot reach a mail unescaped.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}
