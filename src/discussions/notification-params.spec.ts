import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import type { DocumentName, DocumentNameType } from '../documents/document-name';
import type { NotificationKind, NotificationParams } from './notification-params';
import { NOTIFICATION_KINDS } from './notifications.repository';

const ROOT = process.cwd();
const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

/** One notification of every kind. Typed over every kind: a kind added without a sample here fails to compile. */
const SAMPLES: { [K in NotificationKind]: NotificationParams[K] } = {
  mention: { actor: 'Ana Ruiz', agency: 'FAO', document: { type: 'activity_report', agency: 'WFP', reference: 'BPoA-5' }, excerpt: 'Which country?' },
  reply: { actor: 'Li Wei', agency: 'IFAD', document: { type: 'commitment_report', reference: 'BPoA-5' }, excerpt: 'Nepal.' },
  action_assigned: { agency: 'CEB', document: { type: 'consolidated_summary', framework: 'BPoA', cycle: '2026' }, assigneeAgency: 'IFAD', assignee: null, dueDate: '2026-12-08' },
  action_due: { dueOn: '2026-12-08', daysLeft: 7, excerpt: 'Circulate the note.' },
};
/** The values the browser client gives each kind's message (web/src/lib/notification-text.ts): dates formatted, `to` and `when` chosen. */
const VALUES: { [K in NotificationKind]: Record<string, string | number> } = {
  mention: { actor: 'Ana Ruiz', agency: 'FAO' },
  reply: { actor: 'Li Wei', agency: 'IFAD' },
  action_assigned: { agency: 'CEB', assigneeAgency: 'IFAD', to: 'agency', dueDate: '08/12/2026' },
  action_due: { when: 'due', dueOn: '08/12/2026', daysLeft: 7 },
};
const DOCUMENTS: { [T in DocumentNameType]: Extract<DocumentName, { type: T }> } = {
  commitment_report: { type: 'commitment_report', reference: 'BPoA-5' },
  activity_report: { type: 'activity_report', agency: 'WFP', reference: 'BPoA-5' },
  consolidated_summary: { type: 'consolidated_summary', framework: 'BPoA', cycle: '2026' },
};
const KINDS = Object.keys(SAMPLES) as NotificationKind[];

type Tree = { [key: string]: string | Tree };
const catalogue = (locale: string) => JSON.parse(readFileSync(path.join(ROOT, 'web/src/locales', `${locale}.json`), 'utf8')) as Tree;
const messagesOf = (locale: string, group: 'kind' | 'document') => (((catalogue(locale).notifications as Tree)[group] ?? {}) as Record<string, string>);
const clientTexts = readFileSync(path.join(ROOT, 'web/src/lib/notification-text.ts'), 'utf8');

/** The arguments a message names, wherever they sit in it. */
function placeholders(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const element of elements) {
      if ('value' in element && typeof element.value === 'string' && Number(element.type) !== 0) names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

describe('notifications: what happened, as a kind and parameters a client says in any language', () => {
  it('has a sample of every kind the database takes', () => {
    expect([...KINDS].sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  it.each(LOCALES)('has a %s message for every kind, naming only what the client gives it, and saying who and what', (locale) => {
    const messages = messagesOf(locale, 'kind');
    expect(Object.keys(messages).sort()).toEqual([...KINDS].sort());
    for (const kind of KINDS) {
      const values = VALUES[kind];
      expect({ kind, unknown: placeholders(messages[kind], locale).filter((name) => !(name in values)) }).toEqual({ kind, unknown: [] });
      const text = new IntlMessageFormat(messages[kind], locale).format(values) as string;
      // Every name, code and date it is given shows (`to` and `when` only choose the wording).
      for (const [name, value] of Object.entries(values)) {
        if (name !== 'to' && name !== 'when' && typeof value === 'string') expect({ kind, text }).toEqual({ kind, text: expect.stringContaining(value) });
      }
    }
    // An overdue item and one assigned to a person say so, in words of their own.
    const assigned = (to: string) => new IntlMessageFormat(messages.action_assigned, locale).format({ ...VALUES.action_assigned, to }) as string;
    expect(assigned('you')).not.toBe(assigned('agency'));
    const due = (when: string) => new IntlMessageFormat(messages.action_due, locale).format({ ...VALUES.action_due, when }) as string;
    expect(due('overdue')).not.toBe(due('due'));
  });

  it.each(LOCALES)('has a %s name for every kind of document a notification is about, saying which one', (locale) => {
    const names = messagesOf(locale, 'document');
    expect(Object.keys(names).sort()).toEqual(Object.keys(DOCUMENTS).sort());
    for (const [type, { type: _type, ...params }] of Object.entries(DOCUMENTS)) {
      expect({ type, named: placeholders(names[type], locale) }).toEqual({ type, named: Object.keys(params).sort() });
      const text = new IntlMessageFormat(names[type], locale).format(params) as string;
      for (const value of Object.values(params)) expect({ type, text }).toEqual({ type, text: expect.stringContaining(value) });
    }
  });

  it("is listed in the browser client's tables, every kind and every document", () => {
    for (const kind of KINDS) expect({ kind, listed: clientTexts.includes(`  ${kind}: 'notifications.kind.${kind}',`) }).toEqual({ kind, listed: true });
    for (const type of Object.keys(DOCUMENTS)) expect({ type, listed: clientTexts.includes(`  ${type}: 'notifications.document.${type}',`) }).toEqual({ type, listed: true });
  });
});
