import { CHANGE_FACT_KINDS, type ChangeFacts, changeFacts, type ChangeFactsSource } from './change-facts';

const event = (fields: Partial<ChangeFactsSource>): ChangeFactsSource => ({
  entityType: 'commitment',
  action: 'created',
  before: null,
  after: null,
  actorAgency: 'FAO',
  reference: 'BPoA-5',
  frameworkCode: 'BPoA',
  cycleLabel: '2026-H1',
  reportAgency: 'WFP',
  threadOn: null,
  comment: null,
  indicatorName: 'Countries supported',
  agencyCode: 'ILO',
  ...fields,
});

const edit = { wordsAdded: 12, wordsRemoved: 3 };

/** Every kind of event the app writes, and the facts it tells: what the client's catalogues word. */
const cases: [string, Partial<ChangeFactsSource>, ChangeFacts][] = [
  ['commitment created', {}, { kind: 'commitmentCreated', params: { agency: 'FAO', reference: 'BPoA-5' } }],
  ['commitment updated', { action: 'updated' }, { kind: 'commitmentUpdated', params: { agency: 'FAO', reference: 'BPoA-5' } }],
  [
    'commitment status changed',
    { action: 'status_changed', before: { status: 'not_started' }, after: { status: 'on_track' } },
    { kind: 'commitmentStatusChanged', params: { agency: 'FAO', reference: 'BPoA-5', fromStatus: 'not_started', toStatus: 'on_track' } },
  ],
  ['commitment report edited', { action: 'text_edited', after: edit }, { kind: 'commitmentReportEdited', params: { agency: 'FAO', reference: 'BPoA-5', added: 12, removed: 3 } }],
  ['indicator created', { entityType: 'indicator' }, { kind: 'indicatorCreated', params: { agency: 'FAO', indicator: 'Countries supported', reference: 'BPoA-5' } }],
  ['indicator updated', { entityType: 'indicator', action: 'updated' }, { kind: 'indicatorUpdated', params: { agency: 'FAO', indicator: 'Countries supported', reference: 'BPoA-5' } }],
  ['indicator archived', { entityType: 'indicator', action: 'archived' }, { kind: 'indicatorArchived', params: { agency: 'FAO', indicator: 'Countries supported', reference: 'BPoA-5' } }],
  [
    'reporting cycle created',
    { entityType: 'reporting_cycle', actorAgency: 'CEB', after: { label: '2026-H1', dueOn: '2026-06-30' } },
    { kind: 'cycleCreated', params: { agency: 'CEB', cycle: '2026-H1', framework: 'BPoA', due: '2026-06-30' } },
  ],
  ['reporting cycle updated', { entityType: 'reporting_cycle', action: 'updated', actorAgency: 'CEB' }, { kind: 'cycleUpdated', params: { agency: 'CEB', cycle: '2026-H1', framework: 'BPoA' } }],
  ['activity report created', { entityType: 'activity_report', actorAgency: 'WFP' }, { kind: 'activityReportCreated', params: { agency: 'WFP', cycle: '2026-H1', reference: 'BPoA-5' } }],
  ['activity report updated', { entityType: 'activity_report', action: 'updated', actorAgency: 'WFP' }, { kind: 'activityReportUpdated', params: { agency: 'WFP', cycle: '2026-H1', reference: 'BPoA-5' } }],
  ['activity report submitted', { entityType: 'activity_report', action: 'submitted', actorAgency: 'WFP' }, { kind: 'activityReportSubmitted', params: { agency: 'WFP', cycle: '2026-H1', reference: 'BPoA-5' } }],
  [
    'activity report accepted',
    { entityType: 'activity_report', action: 'accepted', after: { state: 'accepted' } },
    { kind: 'activityReportAccepted', params: { agency: 'FAO', reportAgency: 'WFP', cycle: '2026-H1', reference: 'BPoA-5' } },
  ],
  [
    'activity report returned, with its reason',
    { entityType: 'activity_report', action: 'returned', after: { state: 'returned', reason: 'Add the  figures.' } },
    { kind: 'activityReportReturned', params: { agency: 'FAO', reportAgency: 'WFP', cycle: '2026-H1', reference: 'BPoA-5', quote: 'Add the figures.' } },
  ],
  [
    'activity report reopened',
    { entityType: 'activity_report', action: 'reopened', after: { state: 'draft', reason: 'One more school.' } },
    { kind: 'activityReportReopened', params: { agency: 'FAO', reportAgency: 'WFP', cycle: '2026-H1', reference: 'BPoA-5', quote: 'One more school.' } },
  ],
  [
    'activity report edited',
    { entityType: 'activity_report', action: 'text_edited', actorAgency: 'WFP', after: edit },
    { kind: 'activityReportEdited', params: { agency: 'WFP', reportAgency: 'WFP', cycle: '2026-H1', reference: 'BPoA-5', added: 12, removed: 3 } },
  ],
  ['consolidated report created', { entityType: 'consolidated_report', actorAgency: 'CEB', reference: null }, { kind: 'consolidatedReportCreated', params: { agency: 'CEB', cycle: '2026-H1', framework: 'BPoA' } }],
  [
    'consolidated report issued',
    { entityType: 'consolidated_report', action: 'issued', actorAgency: 'CEB', after: { state: 'issued', edition: 2 } },
    { kind: 'consolidatedReportIssued', params: { agency: 'CEB', edition: 2, cycle: '2026-H1', framework: 'BPoA' } },
  ],
  ['consolidated report reopened', { entityType: 'consolidated_report', action: 'reopened', actorAgency: 'CEB' }, { kind: 'consolidatedReportReopened', params: { agency: 'CEB', cycle: '2026-H1', framework: 'BPoA' } }],
  [
    'consolidated summary edited',
    { entityType: 'consolidated_report', action: 'text_edited', actorAgency: 'CEB', after: edit },
    { kind: 'consolidatedSummaryEdited', params: { agency: 'CEB', cycle: '2026-H1', framework: 'BPoA', added: 12, removed: 3 } },
  ],
  [
    'thread opened on a commitment report',
    { entityType: 'thread', action: 'thread_opened', threadOn: 'commitment_report', comment: 'Which country?' },
    { kind: 'threadOpened', params: { agency: 'FAO', threadOn: 'commitment_report', reference: 'BPoA-5', quote: 'Which country?' } },
  ],
  [
    'reply on an activity report',
    { entityType: 'thread', action: 'comment_added', threadOn: 'activity_report', comment: 'Nepal.' },
    { kind: 'commentAdded', params: { agency: 'FAO', threadOn: 'activity_report', reference: 'BPoA-5', reportAgency: 'WFP', quote: 'Nepal.' } },
  ],
  [
    'reply since deleted (no quote)',
    { entityType: 'thread', action: 'comment_added', threadOn: 'commitment_report', comment: null },
    { kind: 'commentAdded', params: { agency: 'FAO', threadOn: 'commitment_report', reference: 'BPoA-5' } },
  ],
  ['comment edited', { entityType: 'thread', action: 'comment_edited', threadOn: 'commitment_report' }, { kind: 'commentEdited', params: { agency: 'FAO', threadOn: 'commitment_report', reference: 'BPoA-5' } }],
  ['comment deleted', { entityType: 'thread', action: 'comment_deleted', threadOn: 'commitment_report' }, { kind: 'commentDeleted', params: { agency: 'FAO', threadOn: 'commitment_report', reference: 'BPoA-5' } }],
  ['thread resolved', { entityType: 'thread', action: 'thread_resolved', threadOn: 'commitment_report' }, { kind: 'threadResolved', params: { agency: 'FAO', threadOn: 'commitment_report', reference: 'BPoA-5' } }],
  ['thread reopened', { entityType: 'thread', action: 'thread_reopened', threadOn: 'commitment_report' }, { kind: 'threadReopened', params: { agency: 'FAO', threadOn: 'commitment_report', reference: 'BPoA-5' } }],
  [
    'action item set',
    { entityType: 'thread', action: 'action_set', threadOn: 'commitment_report', after: { assigneeAgency: 'WFP', assigneeUserId: null, dueDate: '2027-03-15' } },
    { kind: 'actionSet', params: { agency: 'FAO', threadOn: 'commitment_report', reference: 'BPoA-5', assignee: 'WFP', due: '2027-03-15' } },
  ],
  ['action item cleared', { entityType: 'thread', action: 'action_cleared', threadOn: 'commitment_report' }, { kind: 'actionCleared', params: { agency: 'FAO', threadOn: 'commitment_report', reference: 'BPoA-5' } }],
  ['action item done', { entityType: 'thread', action: 'action_done', threadOn: 'commitment_report' }, { kind: 'actionDone', params: { agency: 'FAO', threadOn: 'commitment_report', reference: 'BPoA-5' } }],
  [
    'framework created',
    { entityType: 'framework', actorAgency: 'CEB', after: { code: 'SWAP', kind: 'strategy', title: 'Gender strategy' } },
    { kind: 'frameworkCreated', params: { agency: 'CEB', framework: 'SWAP', title: 'Gender strategy' } },
  ],
  ['framework updated', { entityType: 'framework', action: 'updated', actorAgency: 'CEB' }, { kind: 'frameworkUpdated', params: { agency: 'CEB', framework: 'BPoA' } }],
  ['framework archived', { entityType: 'framework', action: 'archived', actorAgency: 'CEB' }, { kind: 'frameworkArchived', params: { agency: 'CEB', framework: 'BPoA' } }],
  [
    'agency created',
    { entityType: 'agency', actorAgency: 'CEB', after: { code: 'UNEP', name: 'United Nations Environment Programme', kind: 'fund' } },
    { kind: 'agencyCreated', params: { agency: 'CEB', code: 'UNEP', name: 'United Nations Environment Programme' } },
  ],
  ['agency updated', { entityType: 'agency', action: 'updated', actorAgency: 'CEB' }, { kind: 'agencyUpdated', params: { agency: 'CEB', code: 'ILO' } }],
  ['agency archived', { entityType: 'agency', action: 'archived', actorAgency: 'CEB' }, { kind: 'agencyArchived', params: { agency: 'CEB', code: 'ILO' } }],
];

describe('changeFacts', () => {
  it.each(cases)('tells %s from its fields', (_, fields, expected) => {
    expect(changeFacts(event(fields))).toEqual(expected);
  });

  it('covers every kind it declares', () => {
    expect(new Set(cases.map(([, , facts]) => facts.kind))).toEqual(new Set(CHANGE_FACT_KINDS));
  });

  it.each<[string, Partial<ChangeFactsSource>]>([
    ['an unknown kind of event', { entityType: 'user', action: 'created' }],
    ['an unknown action', { action: 'merged' }],
    ['an event without an acting agency (a system write)', { actorAgency: null }],
    ['a commitment event whose commitment is not known', { reference: null }],
    ['a status change to a status that does not exist', { action: 'status_changed', before: { status: 'not_started' }, after: { status: 'finished' } }],
    ['an accepted report whose agency is not known', { entityType: 'activity_report', action: 'accepted', reportAgency: null }],
    ['a report event whose cycle is not known', { entityType: 'activity_report', action: 'submitted', cycleLabel: null }],
    ['an issue without its edition', { entityType: 'consolidated_report', action: 'issued', after: { state: 'issued' } }],
    ['an indicator event whose indicator is not known', { entityType: 'indicator', indicatorName: null }],
    ['a text edit without its word counts', { action: 'text_edited', after: {} }],
    ['a thread on another document', { entityType: 'thread', action: 'comment_added', threadOn: null }],
    ['a thread on an activity report whose agency is not known', { entityType: 'thread', action: 'thread_resolved', threadOn: 'activity_report', reportAgency: null }],
    ['an action item with a malformed due date', { entityType: 'thread', action: 'action_set', threadOn: 'commitment_report', after: { assigneeAgency: 'WFP', dueDate: 'soon' } }],
  ])('answers null (the summary is shown) for %s', (_, fields) => {
    expect(changeFacts(event(fields))).toBeNull();
  });
});
