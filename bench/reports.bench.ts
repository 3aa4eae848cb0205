/**
 * `npm run bench:reports`: the consolidated report benchmark of issue 11 (item 7). Not a timed test: it prints figures
 * and the aims. Run it on an idle machine; BENCH_SCALE shrinks the data set for a quick look.
 *
 * 1. A database: a fresh one on the server of DATABASE_URL when set (dropped at the end), else an embedded
 *    PostgreSQL in a temporary folder (removed at the end); migrated as the app does.
 * 2. bench:api's data set in one framework, loaded with set-based SQL: 40 agencies, 2,000 commitments (a lead and up
 *    to two contributors each, one or two indicators, a live report of about 300 words), 5,000 activity reports over
 *    three cycles; 200 of the commitments are in the report's cycle, where most of their agencies reported (accepted
 *    with a narrative of about 150 words and indicator values, or submitted, returned, in draft; some missing).
 * 3. The application's own Nest context in this process (the server): the secretariat creates the consolidated
 *    report, then, each BENCH_REPEATS times: the composition (counting its queries), the DOCX rendering, the PDF
 *    rendering through headless Chromium (CHROMIUM_PATH), sampling this process's RSS, the Word renderer's process
 *    and the Chromium processes'.
 * 4. It prints the medians and the aims: DOCX under 5 s, PDF under 15 s, the server's RSS growth under 300 MB, the
 *    composition in a constant number of queries (the Word renderer's and Chromium's peaks are reported on their own).
 *
 * Settings (environment): BENCH_SCALE (1: 2,000 commitments, 5,000 reports, 200 in the cycle; 0.05 for a quick look),
 * BENCH_REPEATS (3), BENCH_STRICT=1 to exit 2 when an aim is not met. Run from the repository root after `nest build`.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { hashPassword } from '../src/accounts/passwords';
import { AppModule } from '../src/app.module';
import type { Principal } from '../src/common/principal';
import { AppConfig } from '../src/config/app-config';
import { ConsolidatedReportsService } from '../src/consolidated-reports/consolidated-reports.service';
import { PdfRenderer } from '../src/consolidated-reports/pdf-renderer';
import { DocxRenderer } from '../src/consolidated-reports/docx-renderer';
import { renderHtml } from '../src/consolidated-reports/report-html';
import { prepareDatabase } from '../src/database/prepare';
import { Transactions } from '../src/database/transactions';
import { BenchError, cleanUp, intSetting, message, onCleanup, table, openBenchDatabase } from './support';

const AGENCIES = 40;
const AIMS = { docxMs: 5_000, pdfMs: 15_000, rssGrowthMb: 300 };

const say = (line = '') => process.stdout.write(`${line}\n`);

function scaleSetting(): number {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new BenchError(`BENCH_SCALE must be a number above 0, at most 10 (got "${raw}").`);
  return scale;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}


const WORDS = (
  'the agencies supported national governments in the least developed countries with policy advice training of officials ' +
  'joint programming at country level and the monitoring of results against the targets agreed by the board in its session'
).split(' ');

/** About `words` words in paragraphs of about 50, the same text every time (a benchmark needs no variety). */
function prose(words: number): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < words; i += 50) {
    const paragraph = Array.from({ length: Math.min(50, words - i) }, (_, j) => WORDS[(i + j * 7) % WORDS.length]).join(' ');
    paragraphs.push(`${paragraph[0].toUpperCase()}${paragraph.slice(1)}.`);
  }
  return paragraphs.join('\n');
}

interface Loaded {
  frameworkId: string;
  cycleId: string;
  secretariat: Principal;
  counts: Record<string, number>;
}

/** The data set, set-based: a handful of statements whatever the scale. */
async function loadData(url: string, scale: number): Promise<Loaded> {
  const commitments = Math.max(10, Math.round(2_000 * scale));
  const reports = Math.max(20, Math.round(5_000 * scale));
  const inCycle = Math.max(5, Math.round(200 * scale));
  const passwordHash = await hashPassword(randomBytes(12).toString('hex'));
  const client = await connect(url);
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE change_events DISABLE TRIGGER change_events_notify');
    await client.query(
      `INSERT INTO agencies (code, name, kind)
       SELECT 'AG' || lpad(i::text, 2, '0'), 'Agency ' || i || ' (benchmark)', 'programme' FROM generate_series(1, $1) i`,
      [AGENCIES],
    );
    await client.query(
      `INSERT INTO users (email, display_name, agency_id, role, password_hash)
       SELECT 'focal@' || lower(code) || '.bench.example', code || ' focal point', id, 'focal_point', $1 FROM agencies`,
      [passwordHash],
    );
    const {
      rows: [secretariat],
    } = await client.query<{ id: string; agencyId: string }>(
      `INSERT INTO users (email, display_name, agency_id, role, password_hash)
       SELECT 'secretariat@bench.example', 'Benchmark secretariat', id, 'secretariat', $1 FROM agencies WHERE code = 'AG01'
       RETURNING id, agency_id AS "agencyId"`,
      [passwordHash],
    );
    const {
      rows: [framework],
    } = await client.query<{ id: string }>(
      `INSERT INTO frameworks (code, kind, title) VALUES ('BENCH-BPOA', 'programme', 'Benchmark Programme of Action') RETURNING id`,
    );
    await client.query(
      `WITH docs AS (INSERT INTO documents (kind, text) SELECT 'commitment_report', $3 FROM generate_series(1, $2) RETURNING id),
            numbered AS (SELECT id, row_number() OVER () AS n FROM docs)
       INSERT INTO commitments (framework_id, reference, title, status, report_document_id)
       SELECT $1, 'B-' || n, 'Benchmark commitment ' || n,
              (ARRAY['not_started','on_track','at_risk','off_track','achieved'])[1 + n % 5], id
         FROM numbered`,
      [framework.id, commitments, prose(300)],
    );
    await client.query(`CREATE TEMP TABLE bench_commitments AS SELECT id, substring(reference FROM 3)::int AS n FROM commitments`);
    await client.query(
      `INSERT INTO commitment_agencies (commitment_id, agency_id, participation)
       SELECT c.id, a.id, p.participation
         FROM bench_commitments c
        CROSS JOIN LATERAL (VALUES (c.n % 40, 'lead'), ((c.n + 7) % 40, 'contributing'), ((c.n + 19) % 40, 'contributing')) p(k, participation)
         JOIN agencies a ON a.code = 'AG' || lpad((p.k + 1)::text, 2, '0')
        WHERE p.participation = 'lead' OR c.n % 3 <> 0`,
    );
    await client.query(
      `INSERT INTO indicators (commitment_id, name, unit, baseline, target, target_date)
       SELECT c.id, 'Indicator ' || k || ' of B-' || c.n, 'countries', 2, 20 + c.n % 30, '2030-12-31'
         FROM bench_commitments c CROSS JOIN generate_series(1, 2) k WHERE k = 1 OR c.n % 2 = 0`,
    );
    const { rows: cycles } = await client.query<{ id: string }>(
      `INSERT INTO reporting_cycles (framework_id, label, opens_on, due_on, closes_on)
       VALUES ($1, '2026-H2', '2026-07-01', '2099-06-30', '2099-07-31'),
              ($1, '2026-H1', '2026-01-01', '2026-06-30', '2026-07-31'),
              ($1, '2025-H2', '2025-07-01', '2025-12-31', '2026-01-31')
       RETURNING id`,
      [framework.id],
    );
    // The report's cycle: most agencies of the first `inCycle` commitments reported; the rest of the 5,000 reports are
    // the lead agencies' in the two earlier cycles.
    await client.query(
      `CREATE TEMP TABLE planned AS
       SELECT row_number() OVER () AS rn, x.* FROM (
         SELECT c.id AS commitment_id, ca.agency_id, $1::uuid AS cycle_id,
                (ARRAY['accepted','accepted','accepted','accepted','accepted','accepted','submitted','submitted','returned','draft'])[1 + (c.n + a.k) % 10] AS state
           FROM bench_commitments c
           JOIN commitment_agencies ca ON ca.commitment_id = c.id
           JOIN (SELECT id, substring(code FROM 3)::int AS k FROM agencies) a ON a.id = ca.agency_id
          WHERE c.n <= $3 AND (c.n + a.k) % 7 <> 0
         UNION ALL
         (SELECT c.id, ca.agency_id, cy.id, 'accepted'
            FROM bench_commitments c
            JOIN commitment_agencies ca ON ca.commitment_id = c.id AND ca.participation = 'lead'
            CROSS JOIN unnest($2::uuid[]) AS cy(id)
           ORDER BY c.n, cy.id)
       ) x`,
      [cycles[0].id, [cycles[1].id, cycles[2].id], inCycle],
    );
    await client.query(`DELETE FROM planned WHERE rn > $1 AND cycle_id <> $2`, [reports, cycles[0].id]);
    await client.query(
      `WITH docs AS (INSERT INTO documents (kind, text) SELECT 'activity_narrative', $1 FROM planned ORDER BY rn RETURNING id),
            numbered AS (SELECT id, row_number() OVER () AS rn FROM docs)
       INSERT INTO activity_reports (commitment_id, agency_id, cycle_id, state, summary, document_id, return_reason,
                                     submitted_at, submitted_by, created_by, accepted_text)
       SELECT p.commitment_id, p.agency_id, p.cycle_id, p.state, 'What the agency did in the cycle, in one sentence.', d.id,
              CASE WHEN p.state = 'returned' THEN 'Please add the indicator values.' END,
              CASE WHEN p.state <> 'draft' THEN now() END, CASE WHEN p.state <> 'draft' THEN u.id END, u.id,
              CASE WHEN p.state = 'accepted' THEN $1 END
         FROM planned p JOIN numbered d USING (rn) JOIN users u ON u.agency_id = p.agency_id AND u.role = 'focal_point'`,
      [prose(150)],
    );
    await client.query(
      `INSERT INTO indicator_values (activity_report_id, indicator_id, value)
       SELECT r.id, i.id, 3 + (abs(hashtext(r.id::text || i.id::text)) % 15)
         FROM activity_reports r JOIN indicators i ON i.commitment_id = r.commitment_id
        WHERE r.state IN ('accepted', 'submitted')`,
    );
    await client.query('ALTER TABLE change_events ENABLE TRIGGER change_events_notify');
    await client.query('COMMIT');
    const count = async (sql: string, params: unknown[] = []) => Number((await client.query<{ n: string }>(sql, params)).rows[0].n);
    return {
      frameworkId: framework.id,
      cycleId: cycles[0].id,
      secretariat: {
        userId: secretariat.id,
        email: 'secretariat@bench.example',
        displayName: 'Benchmark secretariat',
        role: 'secretariat',
        agencyId: secretariat.agencyId,
        agencyCode: 'AG01',
      },
      counts: {
        commitments: await count('SELECT count(*) AS n FROM commitments'),
        'activity reports': await count('SELECT count(*) AS n FROM activity_reports'),
        'commitments in the cycle': await count('SELECT count(DISTINCT commitment_id) AS n FROM activity_reports WHERE cycle_id = $1', [cycles[0].id]),
        'indicator values': await count('SELECT count(*) AS n FROM indicator_values'),
      },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The memory of every process below this one whose name `matches`, in bytes (Linux /proc): their proportional set
 * size (PSS), so that the pages they share are counted once, not once per process as a sum of RSS would.
 */
function childrenMemory(matches: RegExp): number {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const pid = Number(entry);
      const parent = Number(fields[1]);
      names.set(pid, name);
      rss.set(pid, Number(fields[21]) * 4096);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // the process ended while we read
    }
  }
  let total = 0;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (matches.test(names.get(pid) ?? '')) total += pss(pid) ?? rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function pss(pid: number): number | null {
  try {
    const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/**
 * Runs `work`, sampling every 50 ms this process's RSS, Chromium's memory and that of the Word renderer's process (a
 * node process below this one): the time and the three peaks.
 */
async function measured<T>(work: () => Promise<T>): Promise<{ ms: number; value: T; peakRss: number; peakChromium: number; peakRenderer: number }> {
  let peakRss = process.memoryUsage().rss;
  let peakChromium = 0;
  let peakRenderer = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    peakChromium = Math.max(peakChromium, childrenMemory(/chrom/i));
    peakRenderer = Math.max(peakRenderer, childrenMemory(/^node/));
  };
  const timer = setInterval(sample, 50);
  const started = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - started;
    sample();
    return { ms, value, peakRss, peakChromium, peakRenderer };
  } finally {
    clearInterval(timer);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
const mb = (bytes: number) => bytes / 1024 / 1024;

function pdfPages(pdf: Buffer): string {
  try {
    const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
    return /Pages:\s+(\d+)/.exec(info)?.[1] ?? '?';
  } catch {
    return '? (pdfinfo not installed)';
  }
}

async function main(): Promise<void> {
  const scale = scaleSetting();
  const repeats = intSetting('BENCH_REPEATS', 3, 1, 20);
  const strict = process.env.BENCH_STRICT === '1';
  say(`bench:reports: scale ${scale} (1 = 2,000 commitments, 5,000 reports, 200 commitments in the cycle), ${repeats} repeats`);
  const database = await openBenchDatabase('reports');
  say(`  ${database.describe}`);
  await prepareDatabase(database.url, null);
  const loadStarted = performance.now();
  const data = await loadData(database.url, scale);
  say(`  loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s: ${Object.entries(data.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);

  const config = AppConfig.fromEnvironment(process.env, {
    DATABASE_URL: database.url,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    JOBS: 'off',
    LOG_LEVEL: 'warn',
  });
  const app = await NestFactory.create(AppModule.forRoot(config, database.url), { logger: ['error', 'warn'] });
  await app.init();
  onCleanup('close the Nest context', () => app.close());
  const reports = app.get(ConsolidatedReportsService);
  const pdf = app.get(PdfRenderer);
  const docxRenderer = app.get(DocxRenderer);
  const db = app.get(Transactions).db;
  const report = await reports.create(data.secretariat, data.frameworkId, { cycleId: data.cycleId });

  // Every query the app's data source runs while composing is counted.
  const logger = app.get(DataSource).logger;
  const logQuery = logger.logQuery.bind(logger);
  let queries = 0;
  logger.logQuery = (query, parameters, runner) => {
    queries++;
    logQuery(query, parameters, runner);
  };

  // One composition first: the first queries of a fresh process include TypeORM's own (the server's version).
  await reports.compose(db, report);
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  const rows: {
    compose: number;
    queries: number;
    html: number;
    docx: number;
    pdf: number;
    peakRss: number;
    stepPeaks: Record<'compose' | 'html' | 'docx' | 'pdf', number>;
    peakChromium: number;
    peakRenderer: number;
  }[] = [];
  let sizes = { docx: 0, pdf: 0, pages: '' };
  for (let i = 0; i < repeats; i++) {
    queries = 0;
    const composed = await measured(() => reports.compose(db, report));
    const composeQueries = queries;
    const html = await measured(async () => renderHtml(composed.value, 'en'));
    const docx = await measured(() => docxRenderer.render(composed.value, 'en'));
    const printed = await measured(() => pdf.render(html.value, 'bench'));
    sizes = { docx: docx.value.length, pdf: printed.value.length, pages: pdfPages(printed.value) };
    rows.push({
      compose: composed.ms,
      queries: composeQueries,
      html: html.ms,
      docx: docx.ms,
      pdf: printed.ms,
      peakRss: Math.max(composed.peakRss, html.peakRss, docx.peakRss, printed.peakRss),
      stepPeaks: { compose: composed.peakRss, html: html.peakRss, docx: docx.peakRss, pdf: printed.peakRss },
      peakChromium: printed.peakChromium,
      peakRenderer: docx.peakRenderer,
    });
    say(`  run ${i + 1}: compose ${composed.ms.toFixed(0)} ms (${composeQueries} queries), HTML ${html.ms.toFixed(0)} ms, DOCX ${docx.ms.toFixed(0)} ms, PDF ${printed.ms.toFixed(0)} ms`);
  }
  logger.logQuery = logQuery;

  const column = (pick: (row: (typeof rows)[number]) => number) => rows.map(pick);
  const growth = mb(Math.max(...column((r) => r.peakRss)) - baseline);
  const chromiumPeak = mb(Math.max(...column((r) => r.peakChromium)));
  const rendererPeak = mb(Math.max(...column((r) => r.peakRenderer)));
  say();
  say(
    table(
      ['step', 'median', 'spread (ms)'],
      [
        ['compose (SQL + materialized text)', `${median(column((r) => r.compose)).toFixed(0)} ms`, spread(column((r) => r.compose))],
        ['render HTML', `${median(column((r) => r.html)).toFixed(0)} ms`, spread(column((r) => r.html))],
        ['render DOCX (docx)', `${median(column((r) => r.docx)).toFixed(0)} ms`, spread(column((r) => r.docx))],
        ['render PDF (headless Chromium)', `${median(column((r) => r.pdf)).toFixed(0)} ms`, spread(column((r) => r.pdf))],
      ],
      [false, true, true],
    ),
  );
  say();
  say(`  load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores (a shared machine inflates every time)`);
  say(`  DOCX ${(sizes.docx / 1024).toFixed(0)} KB; PDF ${(sizes.pdf / 1024).toFixed(0)} KB, ${sizes.pages} pages`);
  say(`  server RSS: ${mb(baseline).toFixed(0)} MB before, growth to the peak ${growth.toFixed(0)} MB; Chromium's peak ${chromiumPeak.toFixed(0)} MB (PSS of its processes)`);
  say(`  the Word renderer's process: peak ${rendererPeak.toFixed(0)} MB (PSS; it exits after each file)${rendererPeak === 0 ? ', none seen: rendered in the server' : ''}`);
  say(
    `  growth to each step's peak: ${(['compose', 'html', 'docx', 'pdf'] as const)
      .map((step) => `${step} ${mb(Math.max(...column((r) => r.stepPeaks[step])) - baseline).toFixed(0)} MB`)
      .join(', ')}`,
  );
  const queryCounts = [...new Set(column((r) => r.queries))];
  const checks: [string, boolean][] = [
    [`DOCX ${median(column((r) => r.docx)).toFixed(0)} ms (aim < ${AIMS.docxMs} ms)`, median(column((r) => r.docx)) < AIMS.docxMs],
    [`PDF ${median(column((r) => r.pdf)).toFixed(0)} ms (aim < ${AIMS.pdfMs} ms)`, median(column((r) => r.pdf)) < AIMS.pdfMs],
    [`server RSS growth ${growth.toFixed(0)} MB (aim < ${AIMS.rssGrowthMb} MB)`, growth < AIMS.rssGrowthMb],
    [`composition in ${queryCounts.join(', ')} queries every time, whatever the size`, queryCounts.length === 1 && queryCounts[0] <= 12],
  ];
  say();
  for (const [line, met] of checks) say(`  ${met ? 'met    ' : 'NOT MET'}  ${line}`);
  if (scale < 1) say('  (scaled down: the aims are for 200 commitments in the cycle on an idle machine)');
  if (strict && checks.some(([, met]) => !met)) process.exitCode = 2;
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench:reports failed: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? message(error)) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
