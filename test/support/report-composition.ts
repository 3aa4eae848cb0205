import { type ReportComposition, tally } from '../../src/consolidated-reports/report-composition';

/** Text people wrote, as hostile as it gets for HTML, XML and templates. */
export const HOSTILE = '<script>alert(1)</script> </w:t> ${x} & "quoted"';

/** A small consolidated report: one commitment led by WTO with FAO and UNIDO, an indicator, three agencies' reports. */
export const composition: ReportComposition = {
  framework: { code: 'BPoA', title: `Brussels Programme ${HOSTILE}`, description: '' },
  cycle: { label: '2007-H1', opensOn: '2007-01-01', dueOn: '2007-06-30', closesOn: '2007-07-31' },
  editionLabel: 'Edition 1',
  date: '2007-08-01',
  summary: [HOSTILE],
  tallies: [],
  commitments: [
    {
      id: 'c1',
      reference: 'BPoA-5',
      title: 'Enhancing the role of trade in development',
      status: 'at_risk',
      dueDate: null,
      leadAgencies: ['WTO'],
      contributingAgencies: ['FAO', 'UNIDO'],
      report: ['Trade capacity was built in 12 countries.'],
      indicators: [
        { name: `Countries <b>supported</b>`, unit: 'countries', baseline: 0, target: 20, targetDate: null, latest: 12, values: [{ agency: 'FAO', value: 12, note: null }] },
      ],
      agencies: [
        { agency: 'WTO', participation: 'lead', state: 'accepted', narrative: [HOSTILE], summary: '', returnReason: null },
        { agency: 'FAO', participation: 'contributing', state: 'returned', narrative: [], summary: '', returnReason: 'Add the figures.' },
        { agency: 'UNIDO', participation: 'contributing', state: 'overdue', narrative: [], summary: '', returnReason: null },
      ],
    },
  ],
  notStarted: ['BPoA-6'],
  grid: { agencies: ['FAO', 'UNIDO', 'WTO'], rows: [{ reference: 'BPoA-5', cells: { WTO: 'accepted', FAO: 'returned', UNIDO: 'overdue' } }] },
};
composition.tallies = tally(composition.commitments);
