/**
 * bench:web — what the browser client costs a person who opens it (issue #14, item 5), in Debian's Chromium:
 *
 * 1. The gzipped bytes of scripts and stylesheets each page loads on a first visit (empty cache), until it has
 *    shown and the network is quiet. Aim: the login page at most 150 KB, any page at most 350 KB.
 * 2. From submitting the login form (on a shared link to a commitment) to that commitment's report being editable,
 *    and from opening a commitment page while signed in to its editor being editable: with nothing cached, and again
 *    in the same browser (the hashed scripts cached, as on every visit after the first). Aim: under 1 s each.
 *
 * Setup: the client is built for production (scripts/build-web.mjs), the demo data loaded into a fresh database
 * (DATABASE_URL's server when set, dropped at the end; else an embedded PostgreSQL), the server started in this
 * process. BENCH_RUNS (default 7) timed runs each; the median and the spread are printed.
 * BENCH_RTT_MS (default 0): a round trip Chromium adds to every request of the timed runs (its network emulation), to
 * see the times over a link farther than loopback, where each request made after another costs a round trip more.
 * CHROMIUM_PATH: the browser (default /usr/bin/chromium). BENCH_TRACE=1 prints the last signed-in open's requests in
 * order, with when each started and ended.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { Client } from 'pg';
import { createApp } from '../src/app';
import { AppConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/database/prepare';
import { assetsLoadedBy, kilobytes } from './page-weight';
import { BenchError, cleanUp, freePort, intSetting, message, onCleanup, table, openBenchDatabase } from './support';

const PASSWORD = 'concert-demo';
const EDITOR = { email: 'focal@fao.example', reference: 'BPoA-4' };
const AIMS = { loginKb: 150, pageKb: 350, ms: 1_000 };

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}


/** The pages a person opens, by address, with what shows once each has loaded. */
async function pagesOf(databaseUrl: string): Promise<{ label: string; path: string; signedIn: boolean; ready: string }[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => {
      const { rows } = await client.query<{ id: string }>(sql, params);
      if (!rows[0]) throw new BenchError(`the demo data has no row for: ${sql}`);
      return rows[0].id;
    };
    const commitment = await one('SELECT id FROM commitments WHERE reference = $1', [EDITOR.reference]);
    const framework = await one('SELECT framework_id AS id FROM commitments WHERE id = $1', [commitment]);
    const report = await one('SELECT id FROM activity_reports WHERE commitment_id = $1 LIMIT 1', [commitment]);
    return [
      { label: 'login', path: '/', signedIn: false, ready: 'input[type=email]' },
      { label: 'dashboard', path: '/', signedIn: true, ready: 'main h2' },
      { label: 'frameworks', path: '/frameworks', signedIn: true, ready: 'main h2' },
      { label: 'framework', path: `/frameworks/${framework}`, signedIn: true, ready: 'main h2' },
      { label: 'commitment', path: `/commitments/${commitment}`, signedIn: true, ready: '.tiptap[contenteditable=true]' },
      { label: 'activity report', path: `/activity-reports/${report}`, signedIn: true, ready: '.tiptap' },
      { label: 'history of changes', path: '/changes', signedIn: true, ready: 'main h2' },
      { label: 'settings', path: '/settings', signedIn: true, ready: 'main h2' },
      { label: 'users', path: '/users', signedIn: true, ready: 'main h2' },
    ];
  } finally {
    await client.end();
  }
}

async function signedInContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  await context.addInitScript(STOPWATCH);
  const response = await context.request.post('/api/auth/login', { data: { email: EDITOR.email, password: PASSWORD } });
  if (response.status() !== 200) throw new BenchError(`login as ${EDITOR.email}: ${response.status()}`);
  return context;
}

/** The median and the spread (min–max) of the runs, in ms. */
function summary(ms: number[]): { median: number; text: string } {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { median, text: `${median.toFixed(0)} ms (${sorted[0].toFixed(0)}–${sorted.at(-1)!.toFixed(0)})` };
}

/**
 * Records a page's requests (and its sockets' first frames) from now on; the answer gives them as table rows, in the
 * order they ended, timed from `from`, with the moment the editor became editable last.
 */
function recordRequests(page: Page): (from: number, editableAt: number) => string[][] {
  const rows: { what: string; start: number; end: number }[] = [];
  const began = new Map<object, number>();
  page.on('request', (request) => began.set(request, performance.now()));
  page.on('requestfinished', (request) => rows.push({ what: request.url(), start: began.get(request) ?? 0, end: performance.now() }));
  page.on('websocket', (socket) => {
    const opened = performance.now();
    let frames = 0;
    socket.on('framereceived', () => {
      frames += 1;
      rows.push({ what: `${socket.url()} (frame ${frames} received)`, start: opened, end: performance.now() });
    });
  });
  return (from, editableAt) =>
    [...rows.filter((r) => r.end <= editableAt), { what: '(the editor is editable)', start: editableAt, end: editableAt }]
      .sort((a, b) => a.end - b.end)
      .map((r) => [(r.start - from).toFixed(0), (r.end - from).toFixed(0), r.what.replace(/^(https?|wss?):\/\/[^/]+/, '')]);
}

/**
 * Runs in every page before its own scripts: notes, by the page's clock (ms since it began to load), when a form was
 * last sent and when the editor first became editable. Waiting in Playwright alone would add its polling interval
 * (up to hundreds of ms) to every figure.
 */
const STOPWATCH = `(() => {
  const check = () => {
    if (window.__editableAt === undefined && document.querySelector('.tiptap[contenteditable=true]')) window.__editableAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['contenteditable'] });
  document.addEventListener('submit', () => { window.__submittedAt = performance.now(); }, true);
})()`;

interface Stopwatch {
  /** When the editor became editable, in ms since the page began to load. */
  editableAt: number;
  /** When the last form was sent, on the same clock. */
  submittedAt: number;
}

/** Waits for the editor to be editable, and answers when it became so by the page's clock. */
async function editable(page: Page): Promise<Stopwatch> {
  await page.locator('.tiptap[contenteditable=true]').waitFor({ state: 'visible', timeout: 30_000 });
  return page.evaluate(() => {
    const marks = globalThis as unknown as { __editableAt?: number; __submittedAt?: number };
    return { editableAt: marks.__editableAt ?? Number.NaN, submittedAt: marks.__submittedAt ?? Number.NaN };
  });
}

/** Chromium adds `rtt` ms (BENCH_RTT_MS) to each of the page's requests. */
async function overLink(page: Page, rtt: number): Promise<void> {
  if (rtt === 0) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: rtt, downloadThroughput: -1, uploadThroughput: -1 });
}

/**
 * Opens the commitment page in a new page of `context`: the ms from opening it to its editor being editable (by the
 * page's clock), and the page's requests until then as table rows.
 */
async function openCommitment(context: BrowserContext, commitmentPath: string, rtt: number): Promise<{ ms: number; requests: string[][] }> {
  const page = await context.newPage();
  await overLink(page, rtt);
  const requests = recordRequests(page);
  const started = performance.now();
  await page.goto(commitmentPath);
  const ms = (await editable(page)).editableAt;
  return { ms, requests: requests(started, started + ms) };
}

async function main(): Promise<void> {
  const runs = intSetting('BENCH_RUNS', 7, 1, 100);
  const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) throw new BenchError(`no browser at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
  say('bench:web: the browser client as a person first opens it, in Chromium');
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  const database = await openBenchDatabase('web');
  say(`  ${database.describe}`);
  const rtt = intSetting('BENCH_RTT_MS', 0, 0, 2_000);
  if (rtt > 0) say(`  timed runs over an emulated link: ${rtt} ms added to each request (BENCH_RTT_MS); page weights unaffected`);
  await prepareDatabase(database.url, { password: PASSWORD });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = AppConfig.fromEnvironment({}, { DATABASE_URL: database.url, SESSION_SECRET: randomBytes(32).toString('base64url'), JOBS: 'off', LOG_LEVEL: 'warn', PUBLIC_URL: baseUrl, PORT: String(port) });
  const app: NestExpressApplication = await createApp(config, database.url);
  await app.listen(port, '127.0.0.1');
  onCleanup('close the server', () => app.close());
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  onCleanup('close Chromium', () => browser.close());

  // 1. Bytes per page, each in a fresh context (nothing cached).
  const weights: string[][] = [];
  const checks: [string, boolean][] = [];
  for (const target of await pagesOf(database.url)) {
    const context = target.signedIn ? await signedInContext(browser, baseUrl) : await browser.newContext({ baseURL: baseUrl });
    try {
      const page = await context.newPage();
      const assets = await assetsLoadedBy(
        page,
        () => page.goto(target.path),
        () => page.locator(target.ready).first().waitFor({ state: 'visible', timeout: 30_000 }),
      );
      const kb = kilobytes(assets);
      const aim = target.label === 'login' ? AIMS.loginKb : AIMS.pageKb;
      weights.push([target.label, target.path, String(assets.length), kb.toFixed(1), `≤ ${aim}`, kilobytes(assets, 'sentBytes').toFixed(1)]);
      if (process.env.BENCH_TRACE === '1') {
        say(`${target.label}: ${[...assets].sort((a, b) => b.gzipBytes - a.gzipBytes).map((a) => `${a.url.replace('/assets/', '')} ${(a.gzipBytes / 1000).toFixed(1)}`).join(', ')}`);
      }
      checks.push([`${target.label}: ${kb.toFixed(1)} KB gzipped (aim ≤ ${aim} KB)`, kb <= aim]);
    } finally {
      await context.close();
    }
  }
  say();
  say(table(['page', 'address', 'files', 'KB gzipped', 'aim', 'KB sent'], weights, [false, false, true, true, true, true]));
  say('(KB gzipped: each file gzipped at level 9, the measure of the aims; KB sent: what the server sent, brotli-compressed at build time)');

  // 2. Time to an editable report, from the login form and from a signed-in visit.
  const commitmentPath = (await pagesOf(database.url)).find((p) => p.label === 'commitment')!.path;
  const fromLogin: number[] = [];
  const signedIn: number[] = [];
  const returning: number[] = [];
  const trace = process.env.BENCH_TRACE === '1';
  let waterfalls: [string, string[][]][] = [];
  for (let run = 0; run < runs; run += 1) {
    const anonymous = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    await anonymous.addInitScript(STOPWATCH);
    try {
      const page = await anonymous.newPage();
      await overLink(page, rtt);
      await page.goto(commitmentPath);
      // The login page asks the email first (single sign-on may take over), then the password.
      await page.getByRole('textbox', { name: 'Email' }).fill(EDITOR.email);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      const marks = await editable(page);
      fromLogin.push(marks.editableAt - marks.submittedAt);
    } finally {
      await anonymous.close();
    }
    const context = await signedInContext(browser, baseUrl);
    try {
      const first = await openCommitment(context, commitmentPath, rtt);
      // The same person opening it again: the hashed assets are cached (immutable), as on any visit after the first.
      const again = await openCommitment(context, commitmentPath, rtt);
      signedIn.push(first.ms);
      returning.push(again.ms);
      if (trace && run === runs - 1) {
        waterfalls = [
          ['nothing cached', first.requests],
          ['scripts cached', again.requests],
        ];
      }
    } finally {
      await context.close();
    }
  }
  for (const [label, rows] of waterfalls) {
    say();
    say(`The last signed-in open (${label}), request by request, in ms from opening the page (BENCH_TRACE=1):`);
    say(table(['start', 'end', 'request'], rows, [true, true, false]));
  }
  const login = summary(fromLogin);
  const open = summary(signedIn);
  const reopen = summary(returning);
  say();
  say(
    table(
      ['from', 'to', `median (min–max) of ${runs}`],
      [
        ['submitting the login form', 'an editable commitment report', login.text],
        ['opening a commitment page, signed in (nothing cached)', 'its editor editable', open.text],
        ['opening it again (scripts cached)', 'its editor editable', reopen.text],
      ],
      [false, false, true],
    ),
  );
  checks.push([`login to editable ${login.median.toFixed(0)} ms (aim < ${AIMS.ms} ms)`, login.median < AIMS.ms]);
  checks.push([`signed-in open to editable ${open.median.toFixed(0)} ms, nothing cached (aim < ${AIMS.ms} ms)`, open.median < AIMS.ms]);
  checks.push([`signed-in open to editable ${reopen.median.toFixed(0)} ms, scripts cached (aim < ${AIMS.ms} ms)`, reopen.median < AIMS.ms]);
  say();
  for (const [line, met] of checks) say(`  ${met ? 'met    ' : 'NOT MET'}  ${line}`);
  if (process.env.BENCH_STRICT === '1' && checks.some(([, met]) => !met)) process.exitCode = 2;
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench:web failed: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? message(error)) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
