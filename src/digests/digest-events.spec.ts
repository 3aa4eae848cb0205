import { LOCALES } from '../common/locales';
import type { DigestEvent } from './digest-composition.repository';
import { describeEvent } from './digest-events';
import { DIGEST_MAIL_TEXTS } from './digest-mail-texts';

const event = (fields: Partial<DigestEvent>): DigestEvent => ({
  id: '1',
  action: 'status_changed',
  summary: 'FAO set BPoA-5 from not_started to on_track',
  occurredAt: '2026-12-01T10:00:00Z',
  actor: 'Amina',
  actorAgency: 'FAO',
  entityType: 'commitment',
  entityId: '00000000-0000-4000-8000-000000000001',
  before: { status: 'not_started' },
  after: { status: 'on_track' },
  reportAgency: null,
  cycleLabel: null,
  threadOn: null,
  comment: null,
  assigneeName: null,
  ...fields,
});
const place = { reference: 'BPoA-5', frameworkCode: 'BPoA' };

describe('describeEvent', () => {
  it('tells each kind of change the digests carry from its fields, in each of the six languages', () => {
    const kinds: Partial<DigestEvent>[] = [
      {},
      { entityType: 'activity_report', action: 'submitted', cycleLabel: '2026' },
      { entityType: 'activity_report', action: 'returned', cycleLabel: '2026', reportAgency: 'WFP', after: { state: 'returned', reason: 'Add the figures.' } },
      { entityType: 'activity_report', action: 'accepted', cycleLabel: '2026', reportAgency: 'WFP' },
      { entityType: 'activity_report', action: 'reopened', cycleLabel: '2026', reportAgency: 'WFP', after: { reason: 'One more school.' } },
      { entityType: 'thread', action: 'thread_opened', threadOn: 'commitment_report', comment: 'Which country?' },
      { entityType: 'thread', action: 'comment_added', threadOn: 'activity_report', reportAgency: 'WFP', comment: 'Nepal.' },
      { entityType: 'thread', action: 'action_set', threadOn: 'commitment_report', assigneeName: 'Ivan', after: { assigneeAgency: 'WFP', dueDate: '2027-03-15' } },
      { entityType: 'consolidated_report', action: 'issued', cycleLabel: '2026', after: { state: 'issued', edition: 2 } },
    ];
    for (const kind of kinds) {
      const summary = 'the English summary';
      const told = LOCALES.map((locale) => describeEvent(locale, event({ ...kind, summary }), place));
      expect(told).not.toContain(summary);
      // Six languages, six sentences.
      expect(new Set(told).size).toBe(6);
      for (const sentence of told) expect(sentence).toContain('FAO');
    }
  });

  it('quotes what was written, and writes dates and numbers as the language does', () => {
    expect(describeEvent('fr', event({ entityType: 'activity_report', action: 'returned', cycleLabel: '2026', reportAgency: 'WFP', after: { reason: 'Add   the\nfigures.' } }), place)).toBe(
      'FAO a renvoyé le rapport d’activité de WFP (2026) sur l’engagement BPoA-5 : « Add the figures. »',
    );
    expect(describeEvent('es', event({ entityType: 'thread', action: 'action_set', threadOn: 'commitment_report', after: { assigneeAgency: 'WFP', dueDate: '2027-03-15' } }), place)).toContain(
      'a WFP, con vencimiento el 15 de marzo de 2027',
    );
    expect(describeEvent('en', event({ entityType: 'consolidated_report', action: 'issued', cycleLabel: '2026', after: { edition: 1200 } }), { reference: 'BPoA', frameworkCode: 'BPoA' })).toBe(
      'FAO issued edition 1,200 of the 2026 consolidated report of BPoA',
    );
  });

  it('falls back to the summary for a kind it does not know, or a change whose fields are missing', () => {
    expect(describeEvent('fr', event({ entityType: 'indicator', action: 'submitted' }), place)).toBe('FAO set BPoA-5 from not_started to on_track');
    expect(describeEvent('fr', event({ after: { status: 'paused' } }), place)).toBe('FAO set BPoA-5 from not_started to on_track');
    expect(describeEvent('fr', event({ actorAgency: null }), place)).toBe('FAO set BPoA-5 from not_started to on_track');
    expect(describeEvent('fr', event({ entityType: 'activity_report', action: 'accepted', cycleLabel: '2026' }), place)).toBe('FAO set BPoA-5 from not_started to on_track');
    expect(describeEvent('ru', event({ entityType: 'thread', action: 'action_set', threadOn: 'commitment_report', after: { assigneeAgency: 'WFP', dueDate: 'soon' } }), place)).toBe(
      'FAO set BPoA-5 from not_started to on_track',
    );
    expect(describeEvent('zh', event({ entityType: 'thread', action: 'comment_added', comment: 'Nepal.' }), place)).toBe('FAO set BPoA-5 from not_started to on_track');
  });

  it('joins the editors of a text as the language joins a list, and agrees the verb with them', () => {
    const editors = ['Amina Diallo (FAO)', 'Ivan Petrov (WFP)'];
    expect(DIGEST_MAIL_TEXTS.fr.event.edited(editors, DIGEST_MAIL_TEXTS.fr.event.commitmentReport, 2)).toBe(
      'Amina Diallo (FAO) et Ivan Petrov (WFP) ont modifié le rapport sur l’engagement (2 sessions)',
    );
    expect(DIGEST_MAIL_TEXTS.es.event.edited(editors.slice(0, 1), DIGEST_MAIL_TEXTS.es.event.activityReport('WFP'), 1)).toBe(
      'Amina Diallo (FAO) modificó el informe de actividades de WFP',
    );
    expect(DIGEST_MAIL_TEXTS.ru.event.edited(editors, DIGEST_MAIL_TEXTS.ru.event.commitmentReport, 5)).toBe(
      'Amina Diallo (FAO) и Ivan Petrov (WFP): изменен доклад по обязательству (5 сеансов)',
    );
  });
});
