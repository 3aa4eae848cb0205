import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REFUSAL_SENTENCES, type Refusal, type RefusalParams, type RefusalReason, refusal, refusalSentence } from './refusals';
import { IntlMessageFormat } from 'intl-messageformat';
import { placeholders } from '../../test/support/icu';

const ROOT = process.cwd();
const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

/** One refusal of every reason. Typed over every reason: a reason added without a sample here fails to compile. */
const SAMPLES: { [R in RefusalReason]: RefusalParams[R] } = {
  secretariat_only_agencies: {},
  secretariat_only_frameworks: {},
  secretariat_only_cycles: {},
  secretariat_only_commitments: {},
  secretariat_only_consolidated_reports: {},
  secretariat_only_secretariat_accounts: {},
  secretariat_only_audit: {},
  secretariat_only_digests: {},
  secretariat_only_mail: {},
  agency_focal_points_only_sso: { agency: 'WFP' },
  agency_focal_points_only_users: { agency: 'WFP' },
  lead_focal_points_only_status: { commitment: 'BPoA-5' },
  lead_focal_points_only_indicators: { commitment: 'BPoA-5' },
  lead_focal_points_only_review: { commitment: 'BPoA-5' },
  lead_focal_points_only_accept_return: { commitment: 'BPoA-5' },
  lead_focal_points_only_reopen: { commitment: 'BPoA-5' },
  agency_users_only_write_report: { agency: 'WFP' },
  agency_not_taking_part: { agency: 'ILO', commitment: 'BPoA-5' },
  agency_users_only_edit_report: { agency: 'WFP' },
  agency_focal_points_only_submit: { agency: 'WFP' },
  report_edited_by: { agencies: ['FAO', 'WFP'] },
  narrative_written_by: { agency: 'WFP' },
  report_accepted_frozen: {},
  report_submitted_awaiting_review: {},
  summary_issued_frozen: {},
  summary_edited_by: { framework: 'BPoA', agencies: ['FAO', 'IFAD'] },
  report_accepted_discussion_closed: { agency: 'WFP', commitment: 'BPoA-5' },
  summary_issued_discussion_closed: { framework: 'BPoA', cycle: '2026' },
  thread_resolvers_only: { document: "WFP's activity report on BPoA-5" },
  comment_author_only: {},
  action_item_agency_only: { agency: 'WFP' },
  action_item_reviewers_only: { document: 'the report of BPoA-5' },
  own_account_change: {},
  own_second_factor_reset: {},
  second_factor_required_by_role: { role: 'secretariat' },
  token_cannot_manage_sign_in: {},
};
const REASONS = Object.keys(SAMPLES) as RefusalReason[];
const sample = (reason: RefusalReason): Refusal => refusal(reason, SAMPLES[reason] as never);

type Tree = { [key: string]: string | Tree };
const catalogues = Object.fromEntries(
  LOCALES.map((locale) => [locale, JSON.parse(readFileSync(path.join(ROOT, 'web/src/locales', `${locale}.json`), 'utf8')) as Tree]),
) as Record<(typeof LOCALES)[number], Tree>;
const refusalMessages = (locale: (typeof LOCALES)[number]) => ((catalogues[locale].errors as Tree).refusal ?? {}) as Record<string, string>;
const clientErrors = readFileSync(path.join(ROOT, 'web/src/lib/error-messages.ts'), 'utf8');

describe('refusals: why a user may not, as a reason code a client can say in any language', () => {
  it('gives every reason an English sentence that names what its parameters say', () => {
    expect(Object.keys(REFUSAL_SENTENCES).sort()).toEqual([...REASONS].sort());
    for (const reason of REASONS) {
      const sentence = refusalSentence(sample(reason));
      expect({ reason, sentence }).toEqual({ reason, sentence: expect.stringMatching(/^\S.{15,}\.$/) });
      for (const value of Object.values(SAMPLES[reason]).flat()) if (value !== 'secretariat') expect({ reason, sentence }).toEqual({ reason, sentence: expect.stringContaining(value as string) });
    }
  });

  it.each(LOCALES)('has a %s catalogue message for every reason, and none for a reason the server does not give', (locale) => {
    const messages = refusalMessages(locale);
    expect(Object.keys(messages).sort()).toEqual([...REASONS].sort());
    for (const reason of REASONS) {
      // It names only parameters the refusal carries, and says each agency or reference it names.
      const params = SAMPLES[reason] as Record<string, string | string[]>;
      const named = placeholders(messages[reason], locale);
      expect({ reason, unknown: named.filter((name) => !(name in params)) }).toEqual({ reason, unknown: [] });
      const values = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
      const text = new IntlMessageFormat(messages[reason], locale).format(values) as string;
      for (const name of named) expect({ reason, text }).toEqual({ reason, text: expect.stringContaining(String(values[name]).split(', ')[0]) });
    }
  });

  it("is listed in the browser client's table of refusal messages, every reason", () => {
    for (const reason of REASONS) expect({ reason, listed: clientErrors.includes(`  ${reason}: 'errors.refusal.${reason}',`) }).toEqual({ reason, listed: true });
  });
});
