import { type DataSource } from 'typeorm';
import { hashPassword } from '../../accounts/passwords';
import type { Role } from '../../accounts/role';
import type { Principal } from '../../common/principal';
import * as Y from 'yjs';
import { ChangesRepository } from '../../changes/changes.repository';
import { renderDocument, writeSections } from '../../collaboration/document-text';
import { withAdvisoryLock } from '../migrate';
import type { Db } from '../transactions';
import { demoData } from './demo-data';
import type { DemoData } from './demo-data.types';

const DEMO_LOCK = 7_311_203_002;

export const SECRETARIAT_DEMO_EMAIL = 'secretariat@ceb.example';

export interface DemoAccount {
  email: string;
  role: Role;
  agency: string;
}

/** The demo logins of DESIGN.md §7: focal@<code>.example and staff@<code>.example, and the secretariat's. */
export function demoAccounts(data: DemoData = demoData): DemoAccount[] {
  return data.agencies
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
 */
export async function loadDemoData(dataSource: DataSource, password: string, data: DemoData = demoData): Promise<boolean> {
  return withAdvisoryLock(dataSource, DEMO_LOCK, async () => {
    const [{ count }]: { count: number }[] = await dataSource.query('SELECT count(*)::int AS count FROM agencies');
    if (count > 0) return false;
    // One hash for every demo account: they share the demo password anyway, and this keeps the first start quick.
    const passwordHash = await hashPassword(password);
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
  }

  const focalPoints = new Map<string, string>();
  /** Who acts for each agency in the demo's history: its focal point (the secretariat's officer for CEB). */
  const actors = new Map<string, Principal>();
  for (const account of demoAccounts(data)) {
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
  const changes = new ChangesRepository();
  for (const report of data.activityReports) {
    const submitter = focalPoints.get(report.agency) ?? anyDemoUser;
    const deciderCode = (leadOf.get(report.commitment) ?? []).find((code) => focalPoints.has(code));
    const decider = deciderCode ? focalPoints.get(deciderCode)! : anyDemoUser;
    const submitted = report.state !== 'draft';
    const decided = report.state === 'accepted' || report.state === 'returned';
    const [snapshot, text, html] = liveDocument([
      { heading: 'What we did', paragraphs: report.narrative.split(/\n\n+/) },
    ]);
    const [row]: { id: string }[] = await tx.query(
      `WITH document AS (INSERT INTO documents (kind, snapshot, text, html) VALUES ('activity_narrative', $12, $13, $14) RETURNING id)
       INSERT INTO activity_reports
         (commitment_id, agency_id, cycle_id, state, summary, document_id, return_reason, submitted_at, submitted_by,
          decided_at, decided_by, created_by, accepted_text, accepted_html)
       SELECT $1, $2, $3, $4, $5, document.id, $6, $7, $8, $9, $10, $11, $15, $16 FROM document RETURNING id`,
      [
        commitmentIds.get(report.commitment),
        agencyIds.get(report.agency),
        cycleIds.get(`${report.framework}/${report.cycle}`),
        report.state,
        report.summary,
        report.returnReason,
        submitted ? new Date() : null,
        submitted ? submitter : null,
        decided ? new Date() : null,
        decided ? decider : null,
        submitter,
        snapshot,
        text,
        html,
        report.state === 'accepted' ? text : null,
        report.state === 'accepted' ? html : null,
      ],
    );
    for (const value of report.indicatorValues) {
      await tx.query(`INSERT INTO indicator_values (activity_report_id, indicator_id, value, note) VALUES ($1, $2, $3, $4)`, [
        row.id,
        indicatorIds.get(`${report.commitment}/${value.indicator}`),
        value.value,
        value.note,
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
    await changes.append(tx, {
      ...where,
      actor: agency,
      action: 'created',
      summary: `${agency.agencyCode} started its ${label}`,
      after: { state: 'draft', summary: report.summary, indicatorValues: [] },
    });
    if (submitted) {
      await changes.append(tx, {
        ...where,
        actor: agency,
        action: 'submitted',
        summary: `${agency.agencyCode} submitted its ${label}`,
        before: { state: 'draft' },
        after: { state: 'submitted' },
      });
    }
    if (decided) {
      const lead = actor(deciderCode);
      const reason = report.state === 'returned' ? report.returnReason : null;
      await changes.append(tx, {
        ...where,
        actor: lead,
        action: report.state,
        summary: `${lead.agencyCode} ${report.state} ${report.agency}'s ${label}${reason ? `: ${reason}` : ''}`,
        before: { state: 'submitted' },
        after: { state: report.state, ...(reason && { reason }) },
      });
    }
  }
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
