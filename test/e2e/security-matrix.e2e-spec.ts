import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Express } from 'express';
import type { Role } from '../../src/accounts/role';
import type { User } from '../../src/accounts/user.entity';
import type { Agency } from '../../src/agencies/agency.entity';
import { LiveChangesGateway } from '../../src/changes/live-changes.gateway';
import { CollabGateway } from '../../src/collaboration/collab.gateway';
import type { ClientToServerEvents, JoinAck, PresenceUser, Refusal } from '../../src/collaboration/protocol';
import { REFUSAL_SENTENCES, refusalSentence } from '../../src/common/refusals';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import type { Framework } from '../../src/frameworks/framework.entity';
import type { Indicator } from '../../src/frameworks/indicator.entity';
import type { ActivityReport } from '../../src/reporting/activity-report.entity';
import type { ReportingCycle } from '../../src/reporting/reporting-cycle.entity';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { nextCode } from '../support/second-factor';
import { Factory } from '../support/factory';
import { awarenessMessage, eventually, paragraphMessage, RawCollabClient } from '../support/raw-collab-client';
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Every route the running app serves, read from Express's router (so a new route is in the matrix the moment it
 * exists), and every event the live-document gateway handles, × who calls (issue 6, item 9):
 * - callers that must never get in: anonymous, a deactivated user's old session, a revoked API token (401), and a
 *   secretariat user who has not turned on a second factor (403 second_factor_required but for turning it on);
 * - the four roles, always acting on FAO's objects: FAO's staff, FAO's focal point, WFP's focal point, the secretariat.
 *   ROUTES says for each route who is allowed (past authorization: 2xx, or 409 for a stale version or a state that
 *   forbids the step) and who is refused (403). A route without a row fails the matrix, and so does a row without
 *   a route.
 *
 * PUBLIC lists the routes that answer without a session, on purpose. A route not listed must refuse the anonymous.
 */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/login/second-factor',
  'POST /api/auth/logout',
  'POST /api/auth/invitations/accept',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  'GET /api/digests/unsubscribe',
  'POST /api/digests/unsubscribe',
  'GET /api/auth/sso/options',
  'GET /api/auth/sso/start',
  'GET /api/auth/sso/callback',
]);

/** Documentation, not API: Swagger UI and its files. */
const IGNORED = /^\/api\/docs/;

interface Route {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

function routesOf(app: Express): Route[] {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  const routes: Route[] = [];
  for (const layer of stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return routes.filter((r) => r.path.startsWith('/api/') && !IGNORED.test(r.path));
}

const keyOf = (route: Route) => `${route.method} ${route.path}`;
const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'DELETE';

/** Concrete path: every `:param` a well-formed id that names nothing (authentication is decided before lookup). */
function concrete(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}

const unique = () => randomBytes(3).toString('hex').toUpperCase();

/** The callers of the role matrix, one column each. */
interface Column {
  name: string;
  agency: string;
  role: Role;
  /** Whether the user has turned on a second factor (by default: where the role requires it). */
  secondFactor?: boolean;
}
const COLUMNS: readonly Column[] = [
  { name: 'staff of FAO', agency: 'FAO', role: 'staff' },
  { name: 'focal point of FAO (the owning agency)', agency: 'FAO', role: 'focal_point' },
  { name: 'focal point of WFP (another agency)', agency: 'WFP', role: 'focal_point' },
  { name: 'secretariat', agency: 'CEB', role: 'secretariat' },
];
const UNENROLLED: Column = { name: 'secretariat without a second factor', agency: 'CEB', role: 'secretariat', secondFactor: false };

/** FAO's objects the requests name: real ids, so that an allowed caller gets past the lookup and its answer means something. */
interface Fixtures {
  fao: Agency;
  framework: Framework;
  /** Led by FAO; WFP takes no part. */
  commitment: Commitment;
  indicator: Indicator;
  cycle: ReportingCycle;
  /** FAO's activity report on the commitment in the cycle, a draft. */
  report: ActivityReport;
  /** An FAO staff member without a second factor, whom the user-management routes act on. */
  colleague: User;
  /** An invitation in the mail outbox. */
  mailId: string;
  /** A framework FAO takes no part in: a second dashboard to watch. */
  otherFramework: Framework;
  /** The framework's consolidated report for the cycle: issued once (edition 1), then reopened (a draft). */
  consolidatedReport: { id: string; summaryDocumentId: string };
  /** A new pending invitation into FAO (one per revocation). */
  newInvitation(): Promise<{ id: string }>;
  /** A new API token of the colleague (one per revocation). */
  newColleagueToken(): Promise<{ id: string }>;
  /** FAO's single sign-on settings, at the test's identity provider (passwords still allowed: the callers use them). */
  ssoSettings: Record<string, unknown>;
  /** A new agency with single sign-on set up (one per removal). */
  newSsoAgency(): Promise<Agency>;
  /** A thread on FAO's commitment report, opened by someone of none of the columns (an ILO user). */
  threadId: string;
  /** Its first comment, the ILO user's. */
  strangersCommentId: string;
  /** A thread on FAO's commitment report that is an action item of FAO. */
  actionThreadId: string;
}

interface Caller {
  user: User;
  client: ApiClient;
}

interface Sent {
  path: string;
  body?: unknown;
}

/** Allowed or not, in the order of COLUMNS. */
type Who = readonly [boolean, boolean, boolean, boolean];

interface RouteCase {
  /** Where the body decides which rule applies: what this case changes. */
  what?: string;
  who: Who;
  /** The request: real ids of FAO's objects and a valid body (the validation pipe answers 400 before any permission check). */
  send(fx: Fixtures, caller: Caller): Sent | Promise<Sent>;
  /** The answer depends on the caller's own second factor: each call is by a new user of the column, as it starts out. */
  freshCaller?: true;
}

/** A version no row here reaches: an allowed caller gets 409 and nothing changes, since every service authorizes first. */
const STALE = 1_000_000;

const Y = true;
const N = false;
//                             staff of FAO  focal point of FAO  focal point of WFP  secretariat
const EVERYONE: Who =          [Y,           Y,                  Y,                  Y];
const SECRETARIAT: Who =       [N,           N,                  N,                  Y];
const FAO_USERS: Who =         [Y,           Y,                  N,                  N];
const FAO_FOCAL_POINT: Who =   [N,           Y,                  N,                  N];
const MANAGERS_OF_FAO: Who =   [N,           Y,                  N,                  Y];
/** An action item of FAO: FAO's users mark it done, and so do its document's reviewers (FAO's focal point, the secretariat). */
const FAO_USERS_OR_REVIEWERS: Who = [Y, Y, N, Y];
const NOBODY: Who = [N, N, N, N];
/** The secretariat's role requires a second factor, so it cannot turn it off (its own rule, not the policy table's). */
const NOT_SECRETARIAT: Who =   [Y,           Y,                  Y,                  N];

/** What the code of a user's authenticator app would be: a real one where the factory enrolled one, else any. */
const currentCode = async (caller: Caller) => (Factory.secondFactorOf(caller.user.email) ? nextCode(caller.user.email) : '123456');

/**
 * Who may call each route that needs a session (src/common/policy.ts; DESIGN.md §3), keyed as routesOf gives them;
 * several cases where the body decides which rule applies. Reading is open to every signed-in user, and so are one's
 * own settings, follows, API tokens and second factor.
 */
const ROUTES: Record<string, RouteCase | readonly RouteCase[]> = {
  'GET /api/auth/me': { who: EVERYONE, send: () => ({ path: '/api/auth/me' }) },

  'GET /api/agencies': { who: EVERYONE, send: () => ({ path: '/api/agencies' }) },
  'GET /api/agencies/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/agencies/${fx.fao.id}` }) },
  'POST /api/agencies': { who: SECRETARIAT, send: () => ({ path: '/api/agencies', body: { code: `AG-${unique()}`, name: 'Matrix agency', kind: 'fund' } }) },
  'PATCH /api/agencies/:id': { who: SECRETARIAT, send: (fx) => ({ path: `/api/agencies/${fx.fao.id}`, body: { version: STALE, name: 'Renamed by the matrix' } }) },
  'GET /api/agencies/:id/sso': { who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/agencies/${fx.fao.id}/sso` }) },
  'PUT /api/agencies/:id/sso': { who: SECRETARIAT, send: (fx) => ({ path: `/api/agencies/${fx.fao.id}/sso`, body: { ...fx.ssoSettings, version: STALE } }) },
  'DELETE /api/agencies/:id/sso': { who: SECRETARIAT, send: async (fx) => ({ path: `/api/agencies/${(await fx.newSsoAgency()).id}/sso` }) },
  'POST /api/agencies/:id/sso/check': { who: SECRETARIAT, send: (fx) => ({ path: `/api/agencies/${fx.fao.id}/sso/check` }) },

  'GET /api/frameworks': { who: EVERYONE, send: () => ({ path: '/api/frameworks' }) },
  'GET /api/frameworks/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/frameworks/${fx.framework.id}` }) },
  'GET /api/frameworks/:id/accountability/export': {
    who: EVERYONE,
    send: (fx) => ({ path: `/api/frameworks/${fx.framework.id}/accountability/export?cycleId=${fx.cycle.id}&format=csv` }),
  },
  'GET /api/frameworks/:id/indicator-values/export': { who: EVERYONE, send: (fx) => ({ path: `/api/frameworks/${fx.framework.id}/indicator-values/export?format=csv` }) },
  // One report per framework and cycle: the secretariat's call answers 409, the others are refused first.
  'POST /api/frameworks/:id/consolidated-reports': {
    who: SECRETARIAT,
    send: (fx) => ({ path: `/api/frameworks/${fx.framework.id}/consolidated-reports`, body: { cycleId: fx.cycle.id } }),
  },
  'GET /api/consolidated-reports': { who: EVERYONE, send: (fx) => ({ path: `/api/consolidated-reports?frameworkId=${fx.framework.id}` }) },
  'GET /api/consolidated-reports/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/consolidated-reports/${fx.consolidatedReport.id}` }) },
  'GET /api/consolidated-reports/:id/export': {
    who: EVERYONE,
    send: (fx) => ({ path: `/api/consolidated-reports/${fx.consolidatedReport.id}/export?format=html&edition=1` }),
  },
  'POST /api/consolidated-reports/:id/issue': {
    who: SECRETARIAT,
    send: (fx) => ({ path: `/api/consolidated-reports/${fx.consolidatedReport.id}/issue`, body: { version: STALE } }),
  },
  'POST /api/consolidated-reports/:id/reopen': {
    who: SECRETARIAT,
    send: (fx) => ({ path: `/api/consolidated-reports/${fx.consolidatedReport.id}/reopen`, body: { version: STALE } }),
  },
  'GET /api/consolidated-reports/:id/editions': { who: EVERYONE, send: (fx) => ({ path: `/api/consolidated-reports/${fx.consolidatedReport.id}/editions` }) },
  'GET /api/consolidated-reports/:id/editions/:n/diff': {
    who: EVERYONE,
    send: (fx) => ({ path: `/api/consolidated-reports/${fx.consolidatedReport.id}/editions/1/diff` }),
  },
  'GET /api/frameworks/:id/accountability': { who: EVERYONE, send: (fx) => ({ path: `/api/frameworks/${fx.framework.id}/accountability?cycleId=${fx.cycle.id}` }) },
  'POST /api/frameworks': { who: SECRETARIAT, send: () => ({ path: '/api/frameworks', body: { code: `FW-${unique()}`, kind: 'programme', title: 'Matrix framework' } }) },
  'PATCH /api/frameworks/:id': { who: SECRETARIAT, send: (fx) => ({ path: `/api/frameworks/${fx.framework.id}`, body: { version: STALE, title: 'Renamed by the matrix' } }) },

  'GET /api/commitments': { who: EVERYONE, send: (fx) => ({ path: `/api/commitments?frameworkId=${fx.framework.id}` }) },
  'GET /api/commitments/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/commitments/${fx.commitment.id}` }) },
  'POST /api/commitments': {
    who: SECRETARIAT,
    send: (fx) => ({ path: '/api/commitments', body: { frameworkId: fx.framework.id, reference: `C-${unique()}`, title: 'Matrix commitment', leadAgencies: ['FAO'] } }),
  },
  // A status change is the lead agency's; the rest of the definition is the secretariat's.
  'PATCH /api/commitments/:id': [
    { what: 'status', who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/commitments/${fx.commitment.id}`, body: { version: STALE, status: 'at_risk' } }) },
    { what: 'title', who: SECRETARIAT, send: (fx) => ({ path: `/api/commitments/${fx.commitment.id}`, body: { version: STALE, title: 'Renamed by the matrix' } }) },
    { what: 'nothing', who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/commitments/${fx.commitment.id}`, body: { version: STALE } }) },
  ],
  'GET /api/commitments/:id/indicators': { who: EVERYONE, send: (fx) => ({ path: `/api/commitments/${fx.commitment.id}/indicators` }) },
  'POST /api/commitments/:id/indicators': {
    who: MANAGERS_OF_FAO,
    send: (fx) => ({ path: `/api/commitments/${fx.commitment.id}/indicators`, body: { name: `Indicator ${unique()}`, unit: 'entities', target: 10 } }),
  },

  'GET /api/indicators/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/indicators/${fx.indicator.id}` }) },
  'PATCH /api/indicators/:id': { who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/indicators/${fx.indicator.id}`, body: { version: STALE, target: 30 } }) },
  'GET /api/indicators/:id/values': { who: EVERYONE, send: (fx) => ({ path: `/api/indicators/${fx.indicator.id}/values` }) },

  'GET /api/cycles': { who: EVERYONE, send: (fx) => ({ path: `/api/cycles?frameworkId=${fx.framework.id}` }) },
  'GET /api/cycles/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/cycles/${fx.cycle.id}` }) },
  'POST /api/cycles': {
    who: SECRETARIAT,
    send: (fx) => ({
      path: '/api/cycles',
      body: { frameworkId: fx.framework.id, label: `M-${unique()}`, opensOn: '2090-01-01', dueOn: '2090-06-30', closesOn: '2090-07-31' },
    }),
  },
  'PATCH /api/cycles/:id': { who: SECRETARIAT, send: (fx) => ({ path: `/api/cycles/${fx.cycle.id}`, body: { version: STALE, label: 'Renamed' } }) },

  'GET /api/activity-reports': { who: EVERYONE, send: (fx) => ({ path: `/api/activity-reports?commitmentId=${fx.commitment.id}` }) },
  'GET /api/activity-reports/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/activity-reports/${fx.report.id}` }) },
  // FAO already has its report for this cycle: FAO's users get 409, the others are refused first.
  'POST /api/activity-reports': { who: FAO_USERS, send: (fx) => ({ path: '/api/activity-reports', body: { commitmentId: fx.commitment.id, cycleId: fx.cycle.id } }) },
  'PATCH /api/activity-reports/:id': { who: FAO_USERS, send: (fx) => ({ path: `/api/activity-reports/${fx.report.id}`, body: { version: STALE, summary: 'Edited by the matrix.' } }) },
  // Only an accepted report has a text to compare: 409 for everyone, who may all read it.
  'GET /api/activity-reports/:id/diff': { who: EVERYONE, send: (fx) => ({ path: `/api/activity-reports/${fx.report.id}/diff` }) },
  'POST /api/activity-reports/:id/submit': { who: FAO_FOCAL_POINT, send: (fx) => ({ path: `/api/activity-reports/${fx.report.id}/submit`, body: { version: STALE } }) },
  // Reviewing is for focal points of the lead agency, which FAO is: it reviews its own report.
  'POST /api/activity-reports/:id/accept': { who: FAO_FOCAL_POINT, send: (fx) => ({ path: `/api/activity-reports/${fx.report.id}/accept`, body: { version: STALE } }) },
  'POST /api/activity-reports/:id/return': {
    who: FAO_FOCAL_POINT,
    send: (fx) => ({ path: `/api/activity-reports/${fx.report.id}/return`, body: { version: STALE, reason: 'Please add the figures.' } }),
  },
  'POST /api/activity-reports/:id/reopen': {
    who: MANAGERS_OF_FAO,
    send: (fx) => ({ path: `/api/activity-reports/${fx.report.id}/reopen`, body: { version: STALE, reason: 'The figures were revised.' } }),
  },

  'GET /api/changes': { who: EVERYONE, send: (fx) => ({ path: `/api/changes?frameworkId=${fx.framework.id}` }) },
  'GET /api/documents/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/documents/${fx.commitment.reportDocumentId}` }) },
  'GET /api/documents/:id/presence': { who: EVERYONE, send: (fx) => ({ path: `/api/documents/${fx.report.documentId}/presence` }) },

  // Discussions (issue 12): everyone who reads a document comments on it; its reviewers (FAO's focal point as the lead
  // agency's, the secretariat) and the focal points of the agencies that edit it resolve; its reviewers set action items.
  'GET /api/documents/:id/threads': { who: EVERYONE, send: (fx) => ({ path: `/api/documents/${fx.commitment.reportDocumentId}/threads` }) },
  'POST /api/documents/:id/threads': { who: EVERYONE, send: (fx) => ({ path: `/api/documents/${fx.commitment.reportDocumentId}/threads`, body: { body: 'A matrix question.' } }) },
  'GET /api/threads/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/threads/${fx.threadId}` }) },
  'POST /api/threads/:id/comments': { who: EVERYONE, send: (fx) => ({ path: `/api/threads/${fx.threadId}/comments`, body: { body: 'A matrix reply.' } }) },
  // Resolved or reopened already: 409, past authorization.
  'POST /api/threads/:id/resolve': { who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/threads/${fx.threadId}/resolve` }) },
  'POST /api/threads/:id/reopen': { who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/threads/${fx.threadId}/reopen` }) },
  'PUT /api/threads/:id/action': { who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/threads/${fx.threadId}/action`, body: { assigneeAgency: 'FAO', dueDate: '2090-01-01' } }) },
  'DELETE /api/threads/:id/action': { who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/threads/${fx.threadId}/action` }) },
  'PATCH /api/comments/:id': [
    {
      what: 'own comment',
      who: EVERYONE,
      send: async (fx, caller) => {
        const mine = await caller.client.post(`/api/threads/${fx.threadId}/comments`, { body: 'Mine, to edit.' });
        return { path: `/api/comments/${mine.body?.id}`, body: { body: 'Edited.', version: mine.body?.version } };
      },
    },
    { what: 'another’s comment', who: NOBODY, send: (fx) => ({ path: `/api/comments/${fx.strangersCommentId}`, body: { body: 'Not mine.', version: 1 } }) },
  ],
  'DELETE /api/comments/:id': [
    {
      what: 'own comment',
      who: EVERYONE,
      send: async (fx, caller) => ({ path: `/api/comments/${(await caller.client.post(`/api/threads/${fx.threadId}/comments`, { body: 'Mine, to delete.' })).body?.id}` }),
    },
    { what: 'another’s comment', who: NOBODY, send: (fx) => ({ path: `/api/comments/${fx.strangersCommentId}` }) },
  ],
  'GET /api/action-items': { who: EVERYONE, send: () => ({ path: '/api/action-items?agency=FAO&state=open' }) },
  // Done already after the first: 409.
  'POST /api/action-items/:id/done': { who: FAO_USERS_OR_REVIEWERS, send: (fx) => ({ path: `/api/action-items/${fx.actionThreadId}/done` }) },
  'GET /api/me/notifications': { who: EVERYONE, send: () => ({ path: '/api/me/notifications?unread=true' }) },
  'POST /api/me/notifications/read': { who: EVERYONE, send: () => ({ path: '/api/me/notifications/read', body: { all: true } }) },
  'GET /api/me/preferences': { who: EVERYONE, send: () => ({ path: '/api/me/preferences' }) },
  'PATCH /api/me/preferences': { who: EVERYONE, send: () => ({ path: '/api/me/preferences', body: { mentionMail: 'immediately' } }) },
  'GET /api/people': { who: EVERYONE, send: () => ({ path: '/api/people?q=a' }) },

  'GET /api/admin/audit-events': { who: SECRETARIAT, send: () => ({ path: '/api/admin/audit-events' }) },
  'GET /api/admin/mail': { who: SECRETARIAT, send: () => ({ path: '/api/admin/mail' }) },
  'GET /api/admin/mail/:id': { who: SECRETARIAT, send: (fx) => ({ path: `/api/admin/mail/${fx.mailId}` }) },
  // Digests of a week long past: nobody gets one.
  'POST /api/admin/digests/run': { who: SECRETARIAT, send: () => ({ path: '/api/admin/digests/run', body: { frequency: 'weekly', asOf: '2001-01-01T00:00:00Z' } }) },

  'GET /api/me/digest-preferences': { who: EVERYONE, send: () => ({ path: '/api/me/digest-preferences' }) },
  'PUT /api/me/digest-preferences': { who: EVERYONE, send: () => ({ path: '/api/me/digest-preferences', body: { frequency: 'off', hour: 7, timeZone: 'Europe/Rome' } }) },
  'GET /api/me/follows': { who: EVERYONE, send: () => ({ path: '/api/me/follows' }) },
  'PUT /api/me/follows/frameworks/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/me/follows/frameworks/${fx.framework.id}` }) },
  'DELETE /api/me/follows/frameworks/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/me/follows/frameworks/${fx.framework.id}` }) },
  'PUT /api/me/follows/commitments/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/me/follows/commitments/${fx.commitment.id}` }) },
  'DELETE /api/me/follows/commitments/:id': { who: EVERYONE, send: (fx) => ({ path: `/api/me/follows/commitments/${fx.commitment.id}` }) },

  // Pending invitations and other users' API tokens are their agency's managers' business.
  'GET /api/users/invitations': { who: MANAGERS_OF_FAO, send: () => ({ path: '/api/users/invitations?agency=FAO' }) },
  'DELETE /api/users/invitations/:id': {
    who: MANAGERS_OF_FAO,
    send: async (fx) => ({ path: `/api/users/invitations/${(await fx.newInvitation()).id}` }),
  },
  'GET /api/users/:id/api-tokens': { who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/users/${fx.colleague.id}/api-tokens` }) },
  'DELETE /api/users/:id/api-tokens/:tokenId': {
    who: MANAGERS_OF_FAO,
    send: async (fx) => ({ path: `/api/users/${fx.colleague.id}/api-tokens/${(await fx.newColleagueToken()).id}` }),
  },

  'GET /api/me/api-tokens': { who: EVERYONE, send: () => ({ path: '/api/me/api-tokens' }) },
  'POST /api/me/api-tokens': { who: EVERYONE, send: () => ({ path: '/api/me/api-tokens', body: { name: 'Matrix script' } }) },
  'DELETE /api/me/api-tokens/:id': {
    who: EVERYONE,
    send: async (_fx, caller) => {
      const created = await caller.client.post('/api/me/api-tokens', { name: 'Matrix script, to revoke' });
      return { path: `/api/me/api-tokens/${created.body?.id}` };
    },
  },

  'GET /api/me/second-factor': { who: EVERYONE, send: () => ({ path: '/api/me/second-factor' }) },
  // The secretariat's is on already: 409. The others get a secret to confirm.
  'POST /api/me/second-factor/setup': { who: EVERYONE, freshCaller: true, send: () => ({ path: '/api/me/second-factor/setup' }) },
  // No setup was begun: 409 for everyone.
  'POST /api/me/second-factor/confirm': { who: EVERYONE, freshCaller: true, send: () => ({ path: '/api/me/second-factor/confirm', body: { code: '123456' } }) },
  // New codes for the secretariat, with its app's code; 409 (none on) for the others.
  'POST /api/me/second-factor/recovery-codes': {
    who: EVERYONE,
    freshCaller: true,
    send: async (_fx, caller) => ({ path: '/api/me/second-factor/recovery-codes', body: { code: await currentCode(caller) } }),
  },
  'POST /api/me/second-factor/disable': {
    who: NOT_SECRETARIAT,
    freshCaller: true,
    send: async (_fx, caller) => ({ path: '/api/me/second-factor/disable', body: { code: await currentCode(caller) } }),
  },

  'GET /api/users': { who: MANAGERS_OF_FAO, send: () => ({ path: '/api/users?agency=FAO' }) },
  // Only the secretariat grants the secretariat role.
  'PATCH /api/users/:id': [
    { what: 'active', who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/users/${fx.colleague.id}`, body: { version: STALE, active: true } }) },
    { what: 'role: secretariat', who: SECRETARIAT, send: (fx) => ({ path: `/api/users/${fx.colleague.id}`, body: { version: STALE, role: 'secretariat' } }) },
  ],
  // The colleague has no second factor: 409 for those who may reset it.
  'POST /api/users/:id/second-factor/reset': { who: MANAGERS_OF_FAO, send: (fx) => ({ path: `/api/users/${fx.colleague.id}/second-factor/reset` }) },
  // The address has an account already: 202, and no mail is sent.
  'POST /api/users/invitations': (['staff', 'secretariat'] as const).map((role) => ({
    what: `role: ${role}`,
    who: role === 'secretariat' ? SECRETARIAT : MANAGERS_OF_FAO,
    send: (fx: Fixtures) => ({ path: '/api/users/invitations', body: { email: fx.colleague.email, displayName: 'FAO colleague', role, agency: 'FAO' } }),
  })),
};

const casesOf = (key: string): readonly RouteCase[] => {
  const row = ROUTES[key];
  if (row === undefined) return [];
  return 'who' in row ? [row] : row;
};
const labelOf = (key: string, entry: RouteCase) => (entry.what ? `${key} (${entry.what})` : key);

/** What a secretariat user without a second factor may still use: what turns it on (@OpenBeforeSecondFactor() in src). */
const OPEN_BEFORE_SECOND_FACTOR = new Set(['GET /api/auth/me', 'GET /api/me/second-factor', 'POST /api/me/second-factor/setup', 'POST /api/me/second-factor/confirm']);

/** Past authorization: done, or refused by the version or the object's state (409), which come after it. */
const isAllowed = (answer: ApiResponse) => (answer.status >= 200 && answer.status < 300) || answer.status === 409;
/** A 403 that says why: a reason code with its parameters in `details` (for clients), its English sentence as the message. */
const isRefused = (answer: ApiResponse) =>
  answer.status === 403 &&
  answer.body?.error?.code === 'forbidden' &&
  Object.hasOwn(REFUSAL_SENTENCES, answer.body.error.details?.reason) &&
  answer.body.error.message === refusalSentence(answer.body.error.details);
const describeAnswer = (answer: ApiResponse) =>
  answer.body?.error ? `${answer.status} ${answer.body.error.code}: ${answer.body.error.message}` : `${answer.status}`;

/** The live documents FAO's objects carry, and the summary of the consolidated report of FAO's framework. */
type LiveDocument = 'FAO’s commitment report' | 'FAO’s activity narrative' | 'the framework’s consolidated summary';
const EDIT: JoinAck = { ok: true, access: 'edit' };
const viewing = (reason: string, details: Refusal): JoinAck => ({ ok: true, access: 'view', reason, details });
const COMMITMENT_VIEWER = viewing('FAO edit this report; you are viewing.', { reason: 'report_edited_by', agencies: ['FAO'] });
const NARRATIVE_VIEWER = viewing('FAO writes this report; you are viewing.', { reason: 'narrative_written_by', agency: 'FAO' });
const SUMMARY_VIEWER = viewing("The secretariat and the focal points of MATRIX-FW's lead agencies (FAO) edit this summary; you are viewing.", {
  reason: 'summary_edited_by',
  framework: 'MATRIX-FW',
  agencies: ['FAO'],
});

/** The seat each column gets at `join` (docs/collaboration-protocol.md, "Documents and access"), in the order of COLUMNS. */
const SEATS: Record<LiveDocument, readonly [JoinAck, JoinAck, JoinAck, JoinAck]> = {
  'FAO’s commitment report': [EDIT, EDIT, COMMITMENT_VIEWER, COMMITMENT_VIEWER],
  'FAO’s activity narrative': [EDIT, EDIT, NARRATIVE_VIEWER, NARRATIVE_VIEWER],
  // FAO leads a commitment of the framework: its focal points co-edit the summary with the secretariat.
  'the framework’s consolidated summary': [SUMMARY_VIEWER, EDIT, SUMMARY_VIEWER, EDIT],
};

/** A presence state that claims to be someone else: the server must put its own record of the sender in its place. */
const IMPOSTOR = { user: { userId: '00000000-0000-4000-8000-000000000000', name: 'Mallory', agency: 'CEB', color: '#000000' }, cursor: null };

/** One column's caller on the live-document namespace, with what the checks need to look at the outcome. */
interface SocketCell {
  column: number;
  caller: Caller;
  fx: Fixtures;
  documents: Record<LiveDocument, string>;
  /** A socket of the caller's session, closed when the column is done. */
  connect(): Promise<RawCollabClient>;
  storedUpdates(documentId: string): Promise<number>;
  /** Who has the document open, as the REST API tells the caller. */
  presence(documentId: string): Promise<PresenceUser[]>;
  /** Makes a change event in the framework (a dashboard's live feed). */
  touch(framework: Framework): Promise<void>;
}

const isEditor = (document: LiveDocument, column: number) => {
  const seat = SEATS[document][column];
  return seat.ok && seat.access === 'edit';
};

/** Waits for `check`, answering whether it came true in time. */
const becomes = (check: () => boolean | Promise<boolean>, what: string) =>
  eventually(check, what).then(
    () => true,
    () => false,
  );

/**
 * What each event the gateway handles must do for a column, as a list of what went wrong. Typed by the protocol's
 * event map, and compared with the gateway's handlers at run time: an event cannot go untested.
 */
const EVENTS: Record<keyof ClientToServerEvents, (cell: SocketCell) => Promise<string[]>> = {
  join: async (cell) => {
    const socket = await cell.connect();
    const wrong: string[] = [];
    for (const [document, documentId] of Object.entries(cell.documents) as [LiveDocument, string][]) {
      const ack = await socket.join(documentId);
      if (!isDeepStrictEqual(ack, SEATS[document][cell.column])) wrong.push(`${document} → ${JSON.stringify(ack)}`);
    }
    return wrong;
  },

  // An editor's update is stored; a viewer's is refused (read_only, in the ack and as an error event) and changes nothing.
  sync: async (cell) => {
    const socket = await cell.connect();
    const wrong: string[] = [];
    for (const [document, documentId] of Object.entries(cell.documents) as [LiveDocument, string][]) {
      await socket.join(documentId);
      const before = await cell.storedUpdates(documentId);
      const ack = await socket.sync(documentId, paragraphMessage(`Typed by the ${COLUMNS[cell.column].name}.`));
      const outcome = {
        ack: ack.ok ? 'ok' : ack.error.code,
        stored: (await cell.storedUpdates(documentId)) - before,
        errors: socket.errors.filter((e) => e.documentId === documentId).map((e) => e.error.code),
      };
      const expected = isEditor(document, cell.column) ? { ack: 'ok', stored: 1, errors: [] } : { ack: 'read_only', stored: 0, errors: ['read_only'] };
      if (!isDeepStrictEqual(outcome, expected)) wrong.push(`${document} → ${JSON.stringify(outcome)}, expected ${JSON.stringify(expected)}`);
    }
    return wrong;
  },

  // Every member, viewers too, shows in the document's presence, as the server knows them whatever the state claims.
  awareness: async (cell) => {
    const socket = await cell.connect();
    const { user } = cell.caller;
    const wrong: string[] = [];
    for (const [document, documentId] of Object.entries(cell.documents) as [LiveDocument, string][]) {
      await socket.join(documentId);
      socket.awareness(documentId, awarenessMessage(IMPOSTOR));
      const present = await becomes(async () => (await cell.presence(documentId)).some((p) => p.userId === user.id), `${document}: the caller present`);
      const presence = await cell.presence(documentId);
      const shown = presence.find((p) => p.userId === user.id);
      if (!present || shown?.name !== user.displayName || shown.agency !== COLUMNS[cell.column].agency) {
        wrong.push(`${document}: presence ${JSON.stringify(presence)}`);
      }
      if (presence.some((p) => p.name === IMPOSTOR.user.name)) wrong.push(`${document}: the impostor's state shows in ${JSON.stringify(presence)}`);
    }
    if (socket.errors.length > 0) wrong.push(`errors ${JSON.stringify(socket.errors)}`);
    return wrong;
  },

  // Leaving takes the caller out of the presence list and out of the document: an update sent after is not looked at.
  leave: async (cell) => {
    const socket = await cell.connect();
    const { user } = cell.caller;
    const wrong: string[] = [];
    for (const [document, documentId] of Object.entries(cell.documents) as [LiveDocument, string][]) {
      await socket.join(documentId);
      socket.awareness(documentId, awarenessMessage({ cursor: null }));
      if (!(await becomes(async () => (await cell.presence(documentId)).some((p) => p.userId === user.id), 'present'))) {
        wrong.push(`${document}: never present`);
        continue;
      }
      socket.leave(documentId);
      if (!(await becomes(async () => !(await cell.presence(documentId)).some((p) => p.userId === user.id), 'gone'))) {
        wrong.push(`${document}: still present after leave`);
      }
      const before = await cell.storedUpdates(documentId);
      const ack = await socket.sync(documentId, paragraphMessage('Typed after leaving.'));
      const stored = (await cell.storedUpdates(documentId)) - before;
      if (ack.ok || ack.error.code !== 'not_joined' || stored !== 0) wrong.push(`${document}: sync after leave → ${JSON.stringify(ack)}, ${stored} stored`);
    }
    return wrong;
  },

  // Anyone may follow any framework's dashboard: reading is open to every signed-in user.
  watch: async (cell) => {
    const socket = await cell.connect();
    const { framework } = cell.fx;
    const ack = await socket.watch(framework.id);
    if (!ack.ok) return [`watch → ${JSON.stringify(ack)}`];
    await cell.touch(framework);
    const pushed = await becomes(() => socket.changes.some((c) => c.entityType === 'framework' && c.entityId === framework.id), 'the change pushed');
    return pushed ? [] : [`no change pushed; got ${JSON.stringify(socket.changes)}`];
  },

  // After unwatch, a change of that framework no longer comes; one of a framework still watched, sent later, does.
  unwatch: async (cell) => {
    const socket = await cell.connect();
    const { framework, otherFramework } = cell.fx;
    await socket.watch(framework.id);
    socket.unwatch(framework.id);
    // Handled in order: once this is answered, the unwatch was too.
    await socket.watch(otherFramework.id);
    const since = socket.changes.length;
    await cell.touch(framework);
    await cell.touch(otherFramework);
    const wrong: string[] = [];
    if (!(await becomes(() => socket.changes.some((c) => c.entityId === otherFramework.id), 'the watched framework’s change'))) {
      wrong.push('the framework still watched pushed nothing');
    }
    const unwatched = socket.changes.slice(since).filter((c) => c.frameworkId === framework.id);
    if (unwatched.length > 0) wrong.push(`changes of the unwatched framework came: ${JSON.stringify(unwatched)}`);
    return wrong;
  },
};

/**
 * The events the gateways of the /collab namespace handle (live documents, live dashboards): @SubscribeMessage()
 * keeps each one's name under the metadata key 'message'.
 */
function gatewayEvents(): string[] {
  return [CollabGateway, LiveChangesGateway].flatMap((gateway) => eventsOf(gateway.prototype as object));
}

function eventsOf(prototype: object): string[] {
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler: unknown = Object.getOwnPropertyDescriptor(prototype, name)?.value;
    const event: unknown = typeof handler === 'function' ? Reflect.getMetadata('message', handler) : undefined;
    return typeof event === 'string' ? [event] : [];
  });
}

describe('security matrix: every route and socket event × every kind of caller', () => {
  /** For it.each: one test per column, named after it. */
  const columns = COLUMNS.map((column, index) => [column.name, index] as const);
  let t: TestApp;
  let idp: TestIdentityProvider;
  let routes: Route[];
  let deactivatedCookie: string;
  let liveCookie: string;
  let revokedToken: string;
  let liveToken: string;
  let fx: Fixtures;
  let callers: Caller[];
  let unenrolled: Caller;

  /** A new user of the column, signed in (the second step answered where the factory enrolled one). */
  async function signedIn(column: Column): Promise<Caller> {
    const user = await t.factory.user({ agency: column.agency, role: column.role, secondFactor: column.secondFactor });
    return { user, client: await t.as(user.email) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    routes = routesOf(t.app.getHttpAdapter().getInstance());

    const leaver = await t.factory.user({ agency: 'FAO' });
    const leaverClient = t.anonymous();
    expect((await leaverClient.post('/api/auth/login', { email: leaver.email, password: Factory.PASSWORD })).status).toBe(200);
    deactivatedCookie = leaverClient.sessionCookie!;
    const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    const manager = t.anonymous();
    expect((await manager.post('/api/auth/login', { email: focal.email, password: Factory.PASSWORD })).status).toBe(200);
    expect((await manager.patch(`/api/users/${leaver.id}`, { version: 1, active: false })).status).toBe(200);

    const user = await t.factory.user({ agency: 'WFP' });
    const client = t.anonymous();
    expect((await client.post('/api/auth/login', { email: user.email, password: Factory.PASSWORD })).status).toBe(200);
    const revoked = await client.post('/api/me/api-tokens', { name: 'revoked' });
    const live = await client.post('/api/me/api-tokens', { name: 'live' });
    expect((await client.request('DELETE', `/api/me/api-tokens/${revoked.body.id}`)).status).toBe(204);
    revokedToken = revoked.body.token;
    liveToken = live.body.token;
    // Logging in again after the token calls: the matrix's "live session" must be one nothing else ends.
    const other = await t.factory.user({ agency: 'ILO' });
    const otherClient = t.anonymous();
    expect((await otherClient.post('/api/auth/login', { email: other.email, password: Factory.PASSWORD })).status).toBe(200);
    liveCookie = otherClient.sessionCookie!;

    callers = [];
    for (const column of COLUMNS) callers.push(await signedIn(column));
    unenrolled = await signedIn(UNENROLLED);
    const secretariat = callers[COLUMNS.findIndex((c) => c.role === 'secretariat')].client;

    const framework = await t.factory.framework({ code: 'MATRIX-FW' });
    const commitment = await t.factory.commitment({ framework, lead: ['FAO'] });
    const cycle = await t.factory.cycle(framework);
    const invited = await secretariat.post('/api/users/invitations', { email: `invitee.${unique().toLowerCase()}@fao.test`, displayName: 'Invitee', role: 'staff', agency: 'FAO' });
    expect(invited.status).toBe(202);
    const mail = await secretariat.get('/api/admin/mail?kind=invitation');
    expect(mail.body.items.length).toBeGreaterThan(0);
    const consolidated = await secretariat.post(`/api/frameworks/${framework.id}/consolidated-reports`, { cycleId: cycle.id });
    expect(consolidated.status).toBe(201);
    const issued = await secretariat.post(`/api/consolidated-reports/${consolidated.body.id}/issue`, { version: 1 });
    expect(issued.status).toBe(200);
    expect((await secretariat.post(`/api/consolidated-reports/${consolidated.body.id}/reopen`, { version: issued.body.version })).status).toBe(200);
    idp = await startIdentityProvider({ redirectUri: `${t.baseUrl}/api/auth/sso/callback` });
    const ssoSettings = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      emailDomains: ['fao-sso.test'],
      passwordLogin: 'allowed',
      defaultRole: 'staff',
    };
    const fao = await t.factory.agency('FAO');
    expect((await secretariat.put(`/api/agencies/${fao.id}/sso`, ssoSettings)).status).toBe(200);
    const stranger = await t.as((await t.factory.user({ agency: 'ILO' })).email);
    const thread = await stranger.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'A stranger’s question.' });
    expect(thread.status).toBe(201);
    const actionThread = await stranger.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'FAO to follow up.' });
    expect((await secretariat.request('PUT', `/api/threads/${actionThread.body.id}/action`, { assigneeAgency: 'FAO', dueDate: '2090-01-01' })).status).toBe(200);
    fx = {
      fao: await t.factory.agency('FAO'),
      framework,
      commitment,
      indicator: await t.factory.indicator(commitment),
      cycle,
      report: await t.factory.activityReport({ commitment, cycle, agency: 'FAO', state: 'draft' }),
      colleague: await t.factory.user({ agency: 'FAO', role: 'staff' }),
      mailId: mail.body.items[0].id,
      otherFramework: await t.factory.framework(),
      consolidatedReport: consolidated.body,
      newColleagueToken: async () => t.factory.apiToken(fx.colleague),
      newInvitation: async () => t.factory.invitation({ agency: 'FAO', invitedBy: callers[COLUMNS.findIndex((c) => c.role === 'secretariat')].user }),
      ssoSettings,
      newSsoAgency: async () => {
        const agency = await t.factory.agency(`AG-${unique()}`);
        expect((await secretariat.put(`/api/agencies/${agency.id}/sso`, { ...ssoSettings, emailDomains: [`${agency.code.toLowerCase()}.test`] })).status).toBe(200);
        return agency;
      },
      threadId: thread.body.id,
      strangersCommentId: thread.body.comments[0].id,
      actionThreadId: actionThread.body.id,
    };
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  function call(route: Route, headers: Record<string, string>): Promise<Response> {
    const withBody = hasBody(route.method);
    return fetch(`${t.baseUrl}${concrete(route.path)}`, {
      method: route.method,
      headers: { ...(withBody && { 'content-type': 'application/json' }), ...headers },
      body: withBody ? '{}' : undefined,
    });
  }

  /** The table's request for the route, by the column's caller (a new one where the row asks for it). */
  async function send(route: Route, entry: RouteCase, column: Column, caller: Caller): Promise<ApiResponse> {
    const by = entry.freshCaller ? await signedIn(column) : caller;
    const sent = await entry.send(fx, by);
    return by.client.request(route.method, sent.path, sent.body);
  }

  describe('authentication', () => {
    it('discovers the app’s routes, the ones of this issue included, and every public one is still served', () => {
      const keys = routes.map(keyOf);
      expect(keys.length).toBeGreaterThan(30);
      expect(keys).toEqual(expect.arrayContaining(['PATCH /api/users/:id', 'GET /api/admin/audit-events', 'DELETE /api/me/api-tokens/:id']));
      for (const key of PUBLIC) expect(keys).toContain(key);
    });

    it('refuses the anonymous on every non-public route (401)', async () => {
      const wrong: string[] = [];
      for (const route of routes) {
        const key = keyOf(route);
        if (PUBLIC.has(key)) continue;
        const response = await call(route, {});
        if (response.status !== 401) wrong.push(`${key} → ${response.status}`);
      }
      expect(wrong).toEqual([]);
    });

    it('refuses a deactivated user’s old session on every non-public route (401)', async () => {
      const wrong: string[] = [];
      for (const route of routes) {
        const key = keyOf(route);
        if (PUBLIC.has(key) || key === 'POST /api/auth/logout') continue;
        const response = await call(route, { cookie: deactivatedCookie });
        if (response.status !== 401) wrong.push(`${key} → ${response.status}`);
      }
      expect(wrong).toEqual([]);
    });

    it('refuses a revoked API token on every route, public ones included (401)', async () => {
      const wrong: string[] = [];
      for (const route of routes) {
        const response = await call(route, { authorization: `Bearer ${revokedToken}` });
        if (response.status !== 401) wrong.push(`${keyOf(route)} → ${response.status}`);
      }
      expect(wrong).toEqual([]);
    });

    it('lets an active session and a live token past authentication on every route (never 401)', async () => {
      const wrong: string[] = [];
      for (const route of routes) {
        const key = keyOf(route);
        if (key === 'POST /api/auth/logout' || key.startsWith('POST /api/auth/login')) continue;
        for (const [who, headers] of [
          ['session', { cookie: liveCookie }],
          ['token', { authorization: `Bearer ${liveToken}` }],
        ] as const) {
          const response = await call(route, headers);
          if (response.status === 401) wrong.push(`${key} as ${who} → 401`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('confines a secretariat user without a second factor to turning it on: 403 second_factor_required on every other route', async () => {
      const keys = routes.map(keyOf);
      const wrong: string[] = [...OPEN_BEFORE_SECOND_FACTOR].filter((key) => !keys.includes(key)).map((key) => `${key}: listed as open, not served`);
      for (const route of routes) {
        const key = keyOf(route);
        if (PUBLIC.has(key)) continue;
        if (OPEN_BEFORE_SECOND_FACTOR.has(key)) {
          for (const entry of casesOf(key)) {
            const answer = await send(route, entry, UNENROLLED, unenrolled);
            if (!isAllowed(answer)) wrong.push(`${labelOf(key, entry)} → ${describeAnswer(answer)}, expected it open`);
          }
        } else {
          const answer = await unenrolled.client.request(route.method, concrete(route.path), hasBody(route.method) ? {} : undefined);
          if (answer.status !== 403 || answer.body?.error?.code !== 'second_factor_required') wrong.push(`${key} → ${describeAnswer(answer)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe('roles: staff of FAO, focal points of FAO and of WFP, secretariat, on FAO’s objects', () => {
    it('has a row for every route that needs a session, and none for a route that is gone', () => {
      const served = routes.map(keyOf).filter((key) => !PUBLIC.has(key));
      const missing = served.filter((key) => !(key in ROUTES));
      const gone = Object.keys(ROUTES).filter((key) => !served.includes(key));
      expect({ missing, gone }).toEqual({ missing: [], gone: [] });
    });

    // Every refusal before any allowed call, so that what an allowed call changes cannot make a refusal pass.
    it.each(columns)('refuses the %s where the table says so (403 forbidden)', async (_name, index) => {
      const wrong: string[] = [];
      for (const route of routes) {
        for (const entry of casesOf(keyOf(route)).filter((c) => !c.who[index])) {
          const answer = await send(route, entry, COLUMNS[index], callers[index]);
          if (!isRefused(answer)) wrong.push(`${labelOf(keyOf(route), entry)} → ${describeAnswer(answer)}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it.each(columns)('lets the %s past authorization where the table says so (2xx, or 409)', async (_name, index) => {
      const wrong: string[] = [];
      for (const route of routes) {
        for (const entry of casesOf(keyOf(route)).filter((c) => c.who[index])) {
          const answer = await send(route, entry, COLUMNS[index], callers[index]);
          if (!isAllowed(answer)) wrong.push(`${labelOf(keyOf(route), entry)} → ${describeAnswer(answer)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe('the live-document namespace', () => {
    const sockets: RawCollabClient[] = [];
    afterEach(() => {
      for (const socket of sockets.splice(0)) socket.close();
    });

    it('has a row for every event the gateway handles', () => {
      expect(Object.keys(EVENTS).sort()).toEqual(gatewayEvents().sort());
    });

    it('refuses the handshake to the anonymous, a deactivated user’s old session, an API token, and a secretariat user without a second factor', async () => {
      const refusals = {
        anonymous: await RawCollabClient.refusal(t.baseUrl, {}),
        'deactivated user’s session': await RawCollabClient.refusal(t.baseUrl, { cookie: deactivatedCookie }),
        'live API token': await RawCollabClient.refusal(t.baseUrl, { authorization: `Bearer ${liveToken}` }),
        'secretariat without a second factor': await RawCollabClient.refusal(t.baseUrl, { cookie: unenrolled.client.sessionCookie }),
        ...Object.fromEntries(await Promise.all(COLUMNS.map(async (column, index) => [column.name, await RawCollabClient.refusal(t.baseUrl, { cookie: callers[index].client.sessionCookie })]))),
      };
      expect(refusals).toEqual({
        anonymous: 'unauthenticated',
        'deactivated user’s session': 'unauthenticated',
        'live API token': 'unauthenticated',
        'secretariat without a second factor': 'second_factor_required',
        ...Object.fromEntries(COLUMNS.map((column) => [column.name, null])),
      });
    });

    // Server → client: a thread's change reaches every column joined to its document (viewers too), and nobody else;
    // a notification reaches its user's own sockets only.
    it.each(columns)('sends the %s the thread events of the document it joined, none of another, and its own notifications only', async (_name, index) => {
      const manager = callers[COLUMNS.findIndex((c) => c.role === 'secretariat')];
      const caller = callers[index];
      const socket = await RawCollabClient.connect(t.baseUrl, { cookie: caller.client.sessionCookie });
      sockets.push(socket);
      expect((await socket.join(fx.commitment.reportDocumentId)).ok).toBe(true);
      const elsewhere = await manager.client.post(`/api/documents/${fx.report.documentId}/threads`, { body: 'On the narrative, not joined.', mentions: [fx.colleague.id] });
      const mention = manager.user.id === caller.user.id ? [] : [caller.user.id];
      const here = await manager.client.post(`/api/documents/${fx.commitment.reportDocumentId}/threads`, { body: 'On the joined report.', mentions: mention });
      expect([elsewhere.status, here.status]).toEqual([201, 201]);
      await eventually(() => socket.threads.some((e) => e.thread.id === here.body.id), 'the joined document’s thread event');
      expect(socket.threads.filter((e) => e.thread.id === elsewhere.body.id)).toEqual([]);
      expect(socket.threads.find((e) => e.thread.id === here.body.id)).toMatchObject({ kind: 'created', documentId: fx.commitment.reportDocumentId });
      if (mention.length > 0) {
        await eventually(() => socket.notifications.some((n) => n.threadId === here.body.id), 'the mention’s notification');
      }
      // The colleague's mention, announced before this one, never reached this socket.
      expect(socket.notifications.filter((n) => n.threadId === elsewhere.body.id)).toEqual([]);
    });

    it.each(columns)('gives the %s, event by event, what the design says', async (_name, index) => {
      const manager = callers[COLUMNS.findIndex((c) => c.role === 'secretariat')].client;
      const caller = callers[index];
      const cell: SocketCell = {
        column: index,
        caller,
        fx,
        documents: {
          'FAO’s commitment report': fx.commitment.reportDocumentId,
          'FAO’s activity narrative': fx.report.documentId,
          'the framework’s consolidated summary': fx.consolidatedReport.summaryDocumentId,
        },
        connect: async () => {
          const socket = await RawCollabClient.connect(t.baseUrl, { cookie: caller.client.sessionCookie });
          sockets.push(socket);
          return socket;
        },
        storedUpdates: async (documentId) => {
          const [row]: { count: number }[] = await t.dataSource.query('SELECT count(*)::int AS count FROM document_updates WHERE document_id = $1', [documentId]);
          return row.count;
        },
        presence: async (documentId) => (await caller.client.get(`/api/documents/${documentId}/presence`)).body.items,
        touch: async (framework) => {
          const current = await manager.get(`/api/frameworks/${framework.id}`);
          const changed = await manager.patch(`/api/frameworks/${framework.id}`, { version: current.body.version, description: `Touched ${unique()}` });
          if (changed.status !== 200) throw new Error(`touching ${framework.code}: ${describeAnswer(changed)}`);
        },
      };
      const wrong: string[] = [];
      for (const [event, check] of Object.entries(EVENTS)) {
        wrong.push(...(await check(cell)).map((problem) => `${event}: ${problem}`));
        for (const socket of sockets.splice(0)) socket.close();
      }
      expect(wrong).toEqual([]);
    });
  });
});
