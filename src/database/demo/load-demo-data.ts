import { type DataSource } from 'typeorm';
import { hashPassword } from '../../accounts/passwords';
import type { Role } from '../../accounts/role';
import type { Principal } from '../../common/principal';
import * as Y from 'yjs';
import { type ChangeRecord, ChangesRepository } from '../../changes/changes.repository';
import type { ActivityReportState } from '../../reporting/activity-report-state';
import { renderDocument, writeSections } from '../../documents/document-text';
import { withAdvisoryLock } from '../migrate';
import type { Db } from '../transactions';
import { demoAgencies, demoData } from './demo-data';
import type { DemoActivityReport, DemoAgency, DemoData, DemoReportStep } from './demo-data.types';
import { demoAgencyNames } from './agency-names';

const DEMO_LOCK = 7_311_203_002;

export const SECRETARIAT_DEMO_EMAIL = 'secretariat@ceb.example';

export interface DemoAccount {
  email: string;
  role: Role;
  agency: string;
}

/** The demo logins of DESIGN.md §7: focal@<code>.example and staff@<code>.example, and the secretariat's. */
export function demoAccounts(agencies: DemoAgency[] = demoAgencies): DemoAccount[] {
  return agencies
    .filter((agency) => agency.demoUsers)
    .flatMap((agency): DemoAccount[] =>
      agency.code === 'CEB'
        ? [{ email: SECRETARIAT_DEMO_EMAIL, role: 'secretariat', agency: 'CEB' }]
        : [
            { email: `focal@${agency.code.toLowerCase()}.example`, role: 'focal_point', agency: agency.code },
            { email: `staff@${agency.code.toLowerCase()}.example`, role: 'staff', agency: agency.code },
          ],
    );
}

const ROLE_NAMES: Record<Role, string> = { staff: 'Programme Officer', focal_point: 'Focal Point', secretariat: 'Secretariat Officer' };

/**
 * Loads the demo data of the seed into an empty database, once: a database that already holds any agency is left
 * as it is, so a second start neither duplicates nor resets what users changed. Returns whether it loaded.
 * Its reporting cycles and reports are placed around `now` (demo-calendar.ts); tests pin it.
 */
export async function loadDemoData(dataSource: DataSource, password: string, now: Date = new Date()): Promise<boolean> {
  return withAdvisoryLock(dataSource, DEMO_LOCK, async () => {
    const [{ count }]: { count: number }[] = await dataSource.query('SELECT count(*)::int AS count FROM agencies');
    if (count > 0) return false;
    // One hash for every demo account: they share the demo password anyway, and this keeps the first start quick.
    const passwordHash = await hashPassword(password);
    const data = demoData(now);
    await dataSource.transaction((tx) => insertDemoData(tx, data, passwordHash));
    return true;
  });
}

async function insertDemoData(tx: Db, data: DemoData, passwordHash: string): Promise<void> {
  const agencyIds = new Map<string, string>();
  for (const agency of data.agencies) {
    const [row]: { id: string }[] = await tx.query('INSERT INTO agencies (code, name, kind) VALUES ($1, $2, $3) RETURNING id', [
      agency.code,
      agency.name,
      agency.kind,
    ]);
    agencyIds.set(agency.code, row.id);
    for (const [locale, name] of Object.entries(demoAgencyNames[agency.code] ?? {})) {
      await tx.query('INSERT INTO agency_names (agency_id, locale, name) VALUES ($1, $2, $3)', [row.id, locale, name]);
    }
  }

  const focalPoints = new Map<string, string>();
  /** Who acts for each agency in the demo's history: its focal point (the secretariat's officer for CEB). */
  const actors = new Map<string, Principal>();
  for (const account of demoAccounts(data.agencies)) {
    const displayName = `${account.agency} ${ROLE_NAMES[account.role]} (demo)`;
    const agencyId = agencyIds.get(account.agency)!;
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO users (email, display_name, agency_id, role, password_hash, demo) VALUES ($1, $2, $3, $4, $5, true) RETURNING id`,
      [account.email, displayName, agencyId, account.role, passwordHash],
    );
    if (account.role === 'staff') continue;
    focalPoints.set(account.agency, row.id);
    actors.set(account.agency, { userId: row.id, email: account.email, displayName, role: account.role, agencyId, agencyCode: account.agency });
  }
  const anyDemoUser = focalPoints.get('CEB')!;

  const commitmentIds = new Map<string, string>();
  const indicatorIds = new Map<string, string>();
  const cycleIds = new Map<string, string>();
  const frameworkIds = new Map<string, string>();
  for (const framework of data.frameworks) {
    const [{ id: frameworkId }]: { id: string }[] = await tx.query(
      `INSERT INTO frameworks (code, kind, title, description, country) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [framework.code, framework.kind, framework.title, `${framework.description}\n\nSource: ${framework.source}.`, framework.country],
    );
    frameworkIds.set(framework.code, frameworkId);
    for (const cycle of framework.cycles) {
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO reporting_cycles (framework_id, label, opens_on, due_on, closes_on) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [frameworkId, cycle.label, cycle.opensOn, cycle.dueOn, cycle.closesOn],
      );
      cycleIds.set(`${framework.code}/${cycle.label}`, row.id);
    }
    for (const commitment of framework.commitments) {
      const [row]: { id: string }[] = await tx.query(
        `WITH document AS (INSERT INTO documents (kind, snapshot, text, html) VALUES ('commitment_report', $7, $8, $9) RETURNING id)
         INSERT INTO commitments (framework_id, reference, title, description, status, due_date, report_document_id)
         SELECT $1, $2, $3, $4, $5, $6, document.id FROM document RETURNING id`,
        [
          frameworkId,
          commitment.reference,
          commitment.title,
          `${commitment.description}\n\nSource: ${commitment.source}.`,
          commitment.status,
          commitment.dueDate,
          ...liveDocument([
            { heading: 'Summary', paragraphs: [commitment.report.summary] },
            { heading: 'Progress', paragraphs: [commitment.report.progress] },
            { heading: 'Challenges', paragraphs: [commitment.report.challenges] },
            { heading: 'Next steps', paragraphs: [commitment.report.nextSteps] },
          ]),
        ],
      );
      const commitmentId = row.id;
      commitmentIds.set(commitment.reference, commitmentId);
      const participants = [
        ...commitment.leadAgencies.map((code) => [code, 'lead'] as const),
        ...commitment.contributingAgencies.map((code) => [code, 'contributing'] as const),
      ];
      for (const [code, participation] of participants) {
        await tx.query('INSERT INTO commitment_agencies (commitment_id, agency_id, participation) VALUES ($1, $2, $3)', [
          commitmentId,
          agencyIds.get(code),
          participation,
        ]);
      }
      for (const indicator of commitment.indicators) {
        const [ind]: { id: string }[] = await tx.query(
          `INSERT INTO indicators (commitment_id, name, unit, baseline, target, target_date) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [commitmentId, indicator.name, indicator.unit, indicator.baseline, indicator.target, indicator.targetDate],
        );
        indicatorIds.set(`${commitment.reference}/${indicator.name}`, ind.id);
      }
    }
  }

  const leadOf = new Map(data.frameworks.flatMap((f) => f.commitments.map((c) => [c.reference, c.leadAgencies] as const)));
  const frameworkOf = new Map(data.frameworks.flatMap((f) => f.commitments.map((c) => [c.reference, f.code] as const)));
  const actor = (code: string | undefined): Principal => (code && actors.get(code)) || actors.get('CEB')!;
  /** Every report's history, written to the change feed once all reports are in, in the order it happened. */
  const history: { at: Date; change: ChangeRecord }[] = [];
  for (const report of data.activityReports) {
    const steps = checkedHistory(report);
    const submitter = focalPoints.get(report.agency) ?? anyDemoUser;
    const deciderCode = (leadOf.get(report.commitment) ?? []).find((code) => focalPoints.has(code));
    const decider = deciderCode ? focalPoints.get(deciderCode)! : anyDemoUser;
    const startedAt = steps[0].at;
    const submittedAt = lastAt(steps, ['submitted']);
    // As the workflow does: a return sets the decision, and submitting again leaves it (and the reason) in place.
    const decidedAt = lastAt(steps, ['returned', 'accepted']);
    const [snapshot, text, html] = liveDocument([
      { heading: 'What we did', paragraphs: report.narrative.split(/\n\n+/) },
    ]);
    const [row]: { id: string }[] = await tx.query(
      `WITH document AS (
         INSERT INTO documents (kind, snapshot, text, html, created_at) VALUES ('activity_narrative', $12, $13, $14, $17) RETURNING id)
       INSERT INTO activity_reports
         (commitment_id, agency_id, cycle_id, state, summary, document_id, return_reason, submitted_at, submitted_by,
          decided_at, decided_by, created_by, accepted_text, accepted_html, created_at, updated_at)
       SELECT $1, $2, $3, $4, $5, document.id, $6, $7, $8, $9, $10, $11, $15, $16, $17, $18 FROM document RETURNING id`,
      [
        commitmentIds.get(report.commitment),
        agencyIds.get(report.agency),
        cycleIds.get(`${report.framework}/${report.cycle}`),
        report.state,
        report.summary,
        report.returnReason,
        submittedAt,
        submittedAt ? submitter : null,
        decidedAt,
        decidedAt ? decider : null,
        submitter,
        snapshot,
        text,
        html,
        report.state === 'accepted' ? text : null,
        report.state === 'accepted' ? html : null,
        startedAt,
        steps[steps.length - 1].at,
      ],
    );
    for (const value of report.indicatorValues) {
      await tx.query(`INSERT INTO indicator_values (activity_report_id, indicator_id, value, note, updated_at) VALUES ($1, $2, $3, $4, $5)`, [
        row.id,
        indicatorIds.get(`${report.commitment}/${value.indicator}`),
        value.value,
        value.note,
        submittedAt ?? startedAt,
      ]);
    }

    // The report's history, as the workflow would have written it: the dashboards' "Recent changes" and the history
    // pages start with something to show.
    const where = {
      entityType: 'activity_report' as const,
      entityId: row.id,
      frameworkId: frameworkIds.get(frameworkOf.get(report.commitment)!),
      commitmentId: commitmentIds.get(report.commitment),
    };
    const label = `${report.cycle} activity report on ${report.commitment}`;
    const agency = actor(report.agency);
    const lead = actor(deciderCode);
    let state: ActivityReportState = 'draft';
    for (const step of steps) {
      history.push({ at: step.at, change: { ...where, ...stepChange(step.action, state, { report, label, agency, lead }) } });
      state = step.action === 'created' ? 'draft' : step.action;
    }
  }

  // Written in time order, so that the feed's ids (its cursor) follow the dates; each with its past date.
  history.sort((a, b) => a.at.getTime() - b.at.getTime());
  const changes = new ChangesRepository();
  for (const { at, change } of history) await changes.append(tx, { ...change, occurredAt: at });
}

/** What the workflow (activity-reports.service.ts) writes to the feed for this step of a report in state `before`. */
function stepChange(
  action: DemoReportStep['action'],
  before: ActivityReportState,
  { report, label, agency, lead }: { report: DemoActivityReport; label: string; agency: Principal; lead: Principal },
): Pick<ChangeRecord, 'actor' | 'action' | 'summary' | 'before' | 'after'> {
  switch (action) {
    case 'created':
      return {
        actor: agency,
        action,
        summary: `${agency.agencyCode} started its ${label}`,
        after: { state: 'draft', summary: report.summary, indicatorValues: [] },
      };
    case 'submitted':
      return { actor: agency, action, summary: `${agency.agencyCode} submitted its ${label}`, before: { state: before }, after: { state: action } };
    case 'returned':
      return {
        actor: lead,
        action,
        summary: `${lead.agencyCode} returned ${report.agency}'s ${label}: ${report.returnReason}`,
        before: { state: before },
        after: { state: action, reason: report.returnReason },
      };
    case 'accepted':
      return { actor: lead, action, summary: `${lead.agencyCode} accepted ${report.agency}'s ${label}`, before: { state: before }, after: { state: action } };
  }
}

/** The report's steps, after checking that they lead, in time order and before the load, to the report's state. */
function checkedHistory(report: DemoActivityReport): DemoReportStep[] {
  const steps = report.history;
  const where = `the demo's ${report.cycle} report of ${report.agency} on ${report.commitment}`;
  const last = steps[steps.length - 1];
  const reached = last?.action === 'created' ? 'draft' : last?.action;
  if (steps[0]?.action !== 'created' || reached !== report.state) throw new Error(`${where}: its history does not lead to ${report.state}`);
  if (steps.some((step, i) => i > 0 && step.at <= steps[i - 1].at)) throw new Error(`${where}: its history is not in time order`);
  if (steps.some((step) => step.action === 'returned') && !report.returnReason) throw new Error(`${where}: returned without a reason`);
  return steps;
}

function lastAt(steps: DemoReportStep[], actions: DemoReportStep['action'][]): Date | null {
  return steps.filter((step) => actions.includes(step.action)).at(-1)?.at ?? null;
}

/** A live document's first content, as its snapshot, plain text and HTML. */
function liveDocument(sections: { heading: string; paragraphs: string[] }[]): [Buffer, string, string] {
  const doc = new Y.Doc();
  try {
    writeSections(doc, sections);
    const rendered = renderDocument(doc);
    return [Buffer.from(Y.encodeStateAsUpdate(doc)), rendered.text, rendered.html];
  } finally {
    doc.destroy();
  }
}
