import ExcelJS from 'exceljs';
import type { User } from '../../src/accounts/user.entity';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import type { Framework } from '../../src/frameworks/framework.entity';
import type { Indicator } from '../../src/frameworks/indicator.entity';
import type { ReportingCycle } from '../../src/reporting/reporting-cycle.entity';
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** A sheet's rows as values (row 1 is the header), from the bytes read back. */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/**
 * The accountability grid and a framework's indicator values as spreadsheets (issue 11, item 3): XLSX read back with
 * exceljs (header, frozen panes, typed cells, one sheet per cycle), CSV in UTF-8 with a byte-order mark.
 */
describe('spreadsheet exports', () => {
  let t: TestApp;
  let reader: ApiClient;
  let readerUser: User;
  let framework: Framework;
  let cycles: Record<'first' | 'second', ReportingCycle>;
  let commitment: Commitment;
  let indicator: Indicator;

  beforeAll(async () => {
    t = await startTestApp();
    readerUser = await t.factory.user({ agency: 'UNICEF', role: 'staff' });
    reader = await t.as(readerUser.email);
    framework = await t.factory.framework({ code: 'FSTG-CSV', title: 'Food security theme groups' });
    cycles = {
      first: await t.factory.cycle(framework, { label: '2007-H1', opensOn: '2026-01-01', dueOn: '2099-06-30', closesOn: '2099-07-31' }),
      second: await t.factory.cycle(framework, { label: '2007-H2', opensOn: '2026-07-01', dueOn: '2099-12-31', closesOn: '2099-12-31' }),
    };
    // An agency code with an accented name does not exist; the accented text is the indicator's.
    commitment = await t.factory.commitment({ framework, reference: 'FSTG-CSV-1', lead: ['FAO'], contributing: ['WFP', 'IFAD'] });
    indicator = await t.factory.indicator(commitment, { name: 'Ménages appuyés', target: 1500 });
    const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    const fao = await t.as(focal.email);
    for (const [cycle, value] of [[cycles.first, 420.5], [cycles.second, 910]] as const) {
      const report = await t.factory.activityReport({ commitment, cycle, agency: 'FAO', state: 'draft', by: focal });
      const updated = await fao.patch(`/api/activity-reports/${report.id}`, {
        version: 1,
        indicatorValues: [{ indicatorId: indicator.id, value, note: '=HYPERLINK("http://evil.example")' }],
      });
      expect(updated.status).toBe(200);
    }
    await t.factory.activityReport({ commitment, cycle: cycles.first, agency: 'WFP', state: 'submitted' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the accountability grid of a cycle as a workbook: header row, frozen panes, one cell per agency', async () => {
    const answer = await reader.download(`/api/frameworks/${framework.id}/accountability/export?cycleId=${cycles.first.id}&format=xlsx`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(XLSX);
    expect(answer.headers.get('content-disposition')).toContain('filename="FSTG-CSV 2007-H1 accountability grid.xlsx"');
    const book = await workbook(answer.bytes);
    expect(book.worksheets.map((s) => s.name)).toEqual(['2007-H1', '2007-H1 cells']);
    const grid = book.getWorksheet('2007-H1')!;
    expect(rowsOf(grid)).toEqual([
      ['Reference', 'Commitment', 'FAO', 'IFAD', 'WFP'],
      ['FSTG-CSV-1', 'Test commitment', 'draft', 'missing', 'submitted'],
    ]);
    expect(grid.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 });
    const cells = book.getWorksheet('2007-H1 cells')!;
    const [header, first] = rowsOf(cells);
    expect(header).toEqual(['Cycle', 'Due on', 'Reference', 'Commitment', 'Agency', 'Participation', 'State']);
    expect(first[1]).toEqual(new Date('2099-06-30T00:00:00Z'));
    expect(first.slice(2)).toEqual(['FSTG-CSV-1', 'Test commitment', 'FAO', 'lead', 'draft']);
  });

  it("gives the framework's indicator values as a workbook, one sheet per cycle, numbers as numbers and dates as dates", async () => {
    const answer = await reader.download(`/api/frameworks/${framework.id}/indicator-values/export?format=xlsx`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toContain('FSTG-CSV indicator values.xlsx');
    const book = await workbook(answer.bytes);
    expect(book.worksheets.map((s) => s.name)).toEqual(['2007-H1', '2007-H2']);
    const [header, row] = rowsOf(book.getWorksheet('2007-H1')!);
    expect(header).toEqual(['Cycle', 'Reference', 'Indicator', 'Unit', 'Baseline', 'Target', 'Target date', 'Agency', 'Value', 'Note', 'Report state', 'Updated on']);
    expect(row.slice(0, 10)).toEqual(['2007-H1', 'FSTG-CSV-1', 'Ménages appuyés', 'entities', 0, 1500, new Date('2010-12-31T00:00:00Z'), 'FAO', 420.5, '=HYPERLINK("http://evil.example")']);
    expect(row[11]).toBeInstanceOf(Date);
    // The note is text in the workbook, never a formula.
    expect(book.getWorksheet('2007-H1')!.getCell('J2').type).toBe(ExcelJS.ValueType.String);
    expect(book.getWorksheet('2007-H1')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rowsOf(book.getWorksheet('2007-H2')!)[1][8]).toBe(910);
  });

  it('gives CSV in UTF-8 with a byte-order mark, formulas defused, and records every download in the audit trail', async () => {
    const answer = await reader.download(`/api/frameworks/${framework.id}/indicator-values/export?format=csv`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...answer.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = answer.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Cycle,Reference,Indicator,Unit,Baseline,Target,Target date,Agency,Value,Note,Report state,Updated on');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 9).join(','))).toEqual([
      '2007-H1,FSTG-CSV-1,Ménages appuyés,entities,0,1500,2010-12-31,FAO,420.5',
      '2007-H2,FSTG-CSV-1,Ménages appuyés,entities,0,1500,2010-12-31,FAO,910',
    ]);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);

    const grid = await reader.download(`/api/frameworks/${framework.id}/accountability/export?cycleId=${cycles.first.id}&format=csv`);
    // The grid as the screen shows it: commitment × agency.
    expect(grid.bytes.toString('utf8').slice(1).trimEnd().split('\r\n')).toEqual([
      'Reference,Commitment,FAO,IFAD,WFP',
      'FSTG-CSV-1,Test commitment,draft,missing,submitted',
    ]);

    const secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
    const audit = await secretariat.get(`/api/admin/audit-events?action=spreadsheet.downloaded&actorUserId=${readerUser.id}&limit=50`);
    expect(audit.body.items.map((e: any) => `${e.details.what} ${e.details.format}`).sort()).toEqual([
      'accountability csv',
      'accountability xlsx',
      'indicator_values csv',
      'indicator_values xlsx',
    ]);
  });

  it('answers 400 for a bad format or cycle, 404 for no framework, 401 for the anonymous', async () => {
    const badFormat = await reader.download(`/api/frameworks/${framework.id}/indicator-values/export?format=ods`);
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error.details.fields).toEqual(['format']);
    const noCycle = await reader.download(`/api/frameworks/${framework.id}/accountability/export?format=csv`);
    expect(noCycle.status).toBe(400);
    expect(noCycle.body.error.details.fields).toEqual(['cycleId']);
    const otherCycle = await t.factory.cycle(await t.factory.framework());
    const elsewhere = await reader.download(`/api/frameworks/${framework.id}/accountability/export?cycleId=${otherCycle.id}&format=csv`);
    expect(elsewhere.status).toBe(400);
    const nowhere = '00000000-0000-4000-8000-000000000000';
    expect((await reader.download(`/api/frameworks/${nowhere}/indicator-values/export?format=csv`)).status).toBe(404);
    expect((await reader.download(`/api/frameworks/${nowhere}/accountability/export?cycleId=${cycles.first.id}&format=csv`)).status).toBe(404);
    expect((await t.anonymous().download(`/api/frameworks/${framework.id}/indicator-values/export?format=csv`)).status).toBe(401);
  });
});
