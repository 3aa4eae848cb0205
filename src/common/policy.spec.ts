import { ForbiddenError } from './errors';
import {
  type Action,
  type ActivityReportSubject,
  type AgencySubject,
  authorize,
  type CommitmentReportSubject,
  type CommitmentSubject,
  type ConsolidatedSummarySubject,
  decide,
  type NarrativeSubject,
  refusalFor,
} from './policy';
import { REFUSAL_SENTENCES, refusalSentence } from './refusals';
import type { Principal, Role } from './principal';

/**
 * DESIGN.md §3 as a table: every action × role × how the user's agency relates to the subject.
 *
 * The scene: commitment BPoA-5 is led by FAO, WFP contributes, ILO has nothing to do with it. The subject of each
 * action is WFP's: WFP's activity report on BPoA-5, WFP's users, BPoA-5 itself. The user belongs to
 *   own       — WFP, the subject's agency (a contributing agency of the commitment);
 *   lead      — FAO, the commitment's lead agency;
 *   unrelated — ILO.
 */
type Relation = 'own' | 'lead' | 'unrelated';
const RELATIONS: readonly Relation[] = ['own', 'lead', 'unrelated'];
const ROLES: readonly Role[] = ['staff', 'focal_point', 'secretariat'];

const FAO = { agencyId: '00000000-0000-4000-8000-00000000000f', agencyCode: 'FAO' };
const WFP = { agencyId: '00000000-0000-4000-8000-00000000000w', agencyCode: 'WFP' };
const ILO = { agencyId: '00000000-0000-4000-8000-00000000000i', agencyCode: 'ILO' };
const AGENCY_OF: Record<Relation, typeof FAO> = { own: WFP, lead: FAO, unrelated: ILO };

const bpoa5: CommitmentSubject = { reference: 'BPoA-5', leadAgencyIds: [FAO.agencyId], contributingAgencyIds: [WFP.agencyId] };
const wfpReport: ActivityReportSubject = { commitment: bpoa5, ...WFP };
const wfpUsers: AgencySubject = { ...WFP };
const bpoa5Report: CommitmentReportSubject = { ...bpoa5, leadAgencyCodes: ['FAO'], contributingAgencyCodes: ['WFP'] };
const wfpDraftNarrative: NarrativeSubject = { ...wfpReport, state: 'draft' };
const bpoaSummary: ConsolidatedSummarySubject = { frameworkCode: 'BPoA', leadAgencyIds: [FAO.agencyId], leadAgencyCodes: ['FAO'], state: 'draft' };

function principal(role: Role, agency: typeof FAO): Principal {
  return {
    userId: `user-${role}-${agency.agencyCode}`,
    email: `${role}@${agency.agencyCode.toLowerCase()}.example`,
    displayName: `${agency.agencyCode} ${role}`,
    role,
    ...agency,
  };
}

/** What each role may do in each relation: `true`, or the exact sentence the user is refused with. */
type Expected = Record<Role, Record<Relation, true | string>>;

const everywhere = (answer: true | string): Record<Relation, true | string> => ({ own: answer, lead: answer, unrelated: answer });
const secretariatOnly = (reason: string): Expected => ({ staff: everywhere(reason), focal_point: everywhere(reason), secretariat: everywhere(true) });
const ownFocalPointOrSecretariat = (reason: string): Expected => ({
  staff: everywhere(reason),
  focal_point: { own: true, lead: reason, unrelated: reason },
  secretariat: everywhere(true),
});

const SUMMARY_REASON = "The secretariat and the focal points of BPoA's lead agencies (FAO) edit this summary; you are viewing.";
const STATUS_REASON = "Only focal points of BPoA-5's lead agencies or the secretariat can set its status.";
const DOCUMENT_REVIEW_REASON = "Only focal points of BPoA-5's lead agencies or the secretariat can review its reports.";
const INDICATOR_REASON = "Only focal points of BPoA-5's lead agencies or the secretariat can manage its indicators.";
const CREATE_REASON = "Only WFP users can write WFP's activity report.";
const EDIT_REASON = "Only WFP users can edit WFP's activity report.";
const SUBMIT_REASON = "Only WFP's focal points can submit its activity report.";
const REVIEW_REASON = "Only focal points of BPoA-5's lead agencies can accept or return its activity reports.";
const REOPEN_REASON = "Only focal points of BPoA-5's lead agencies or the secretariat can reopen an accepted report.";
const COMMITMENT_REPORT_REASON = 'FAO and WFP edit this report; you are viewing.';
const NARRATIVE_REASON = 'WFP writes this report; you are viewing.';
const RESOLVE_REASON =
  "Only the thread's author, the focal points of the agencies that write WFP's activity report on BPoA-5, or its reviewers can resolve or reopen this thread.";
const COMMENT_REASON = 'Only its author can change or delete a comment.';
const ACTION_DONE_REASON = "Only WFP's users or the thread's reviewers can mark this action item done.";
const USERS_REASON = "Only WFP's focal points or the secretariat can manage WFP's users.";

interface Row<A extends Action> {
  subject: Parameters<typeof decide<A>>[2];
  expected: Expected;
}

/** Typed over every Action: adding an action to the policy without a row here fails to compile. */
const TABLE: { [A in Action]: Row<A> } = {
  'agency.manage': { subject: null, expected: secretariatOnly('Only the secretariat can manage agencies.') },
  'agency.readSso': { subject: wfpUsers, expected: ownFocalPointOrSecretariat("Only WFP's focal points or the secretariat can see WFP's single sign-on settings.") },
  'framework.manage': { subject: null, expected: secretariatOnly('Only the secretariat can manage frameworks.') },
  'cycle.manage': { subject: null, expected: secretariatOnly('Only the secretariat can manage reporting cycles.') },
  'commitment.manage': {
    subject: null,
    expected: secretariatOnly('Only the secretariat can create commitments or change their definition.'),
  },
  'commitment.setStatus': {
    subject: bpoa5,
    expected: {
      staff: everywhere(STATUS_REASON),
      focal_point: { own: STATUS_REASON, lead: true, unrelated: STATUS_REASON },
      secretariat: everywhere(true),
    },
  },
  'indicator.manage': {
    subject: bpoa5,
    expected: {
      staff: everywhere(INDICATOR_REASON),
      focal_point: { own: INDICATOR_REASON, lead: true, unrelated: INDICATOR_REASON },
      secretariat: everywhere(true),
    },
  },
  // Only the agency's own users write its report; the secretariat reads it but does not write it.
  'activityReport.create': {
    subject: wfpReport,
    expected: {
      staff: { own: true, lead: CREATE_REASON, unrelated: CREATE_REASON },
      focal_point: { own: true, lead: CREATE_REASON, unrelated: CREATE_REASON },
      secretariat: { own: true, lead: CREATE_REASON, unrelated: CREATE_REASON },
    },
  },
  'activityReport.edit': {
    subject: wfpReport,
    expected: {
      staff: { own: true, lead: EDIT_REASON, unrelated: EDIT_REASON },
      focal_point: { own: true, lead: EDIT_REASON, unrelated: EDIT_REASON },
      secretariat: { own: true, lead: EDIT_REASON, unrelated: EDIT_REASON },
    },
  },
  'activityReport.submit': {
    subject: wfpReport,
    expected: {
      staff: everywhere(SUBMIT_REASON),
      focal_point: { own: true, lead: SUBMIT_REASON, unrelated: SUBMIT_REASON },
      secretariat: everywhere(SUBMIT_REASON),
    },
  },
  // Accepting or returning is the lead agency's coordination role, not the secretariat's.
  'activityReport.review': {
    subject: wfpReport,
    expected: {
      staff: everywhere(REVIEW_REASON),
      focal_point: { own: REVIEW_REASON, lead: true, unrelated: REVIEW_REASON },
      secretariat: everywhere(REVIEW_REASON),
    },
  },
  'activityReport.reopen': {
    subject: wfpReport,
    expected: {
      staff: everywhere(REOPEN_REASON),
      focal_point: { own: REOPEN_REASON, lead: true, unrelated: REOPEN_REASON },
      secretariat: everywhere(true),
    },
  },
  // The live report of a commitment: its lead and contributing agencies edit, everyone else (the secretariat too) views.
  // Reviewing BPoA-5's live reports (its own and its agencies'): the lead agency's focal points and the secretariat.
  'document.review': {
    subject: bpoa5,
    expected: {
      staff: everywhere(DOCUMENT_REVIEW_REASON),
      focal_point: { own: DOCUMENT_REVIEW_REASON, lead: true, unrelated: DOCUMENT_REVIEW_REASON },
      secretariat: everywhere(true),
    },
  },
  'commitmentReport.edit': {
    subject: bpoa5Report,
    expected: {
      staff: { own: true, lead: true, unrelated: COMMITMENT_REPORT_REASON },
      focal_point: { own: true, lead: true, unrelated: COMMITMENT_REPORT_REASON },
      secretariat: { own: true, lead: true, unrelated: COMMITMENT_REPORT_REASON },
    },
  },
  // The live narrative of WFP's (draft) activity report: WFP's users only.
  'activityNarrative.edit': {
    subject: wfpDraftNarrative,
    expected: {
      staff: { own: true, lead: NARRATIVE_REASON, unrelated: NARRATIVE_REASON },
      focal_point: { own: true, lead: NARRATIVE_REASON, unrelated: NARRATIVE_REASON },
      secretariat: { own: true, lead: NARRATIVE_REASON, unrelated: NARRATIVE_REASON },
    },
  },
  'consolidatedReport.manage': { subject: null, expected: secretariatOnly('Only the secretariat can create, issue or reopen consolidated reports.') },
  // The summary of a draft consolidated report: the secretariat and the focal points of the agencies leading a commitment.
  'consolidatedSummary.edit': {
    subject: bpoaSummary,
    expected: {
      staff: everywhere(SUMMARY_REASON),
      focal_point: { own: SUMMARY_REASON, lead: true, unrelated: SUMMARY_REASON },
      secretariat: everywhere(true),
    },
  },
  // A thread WFP's focal point opened on a document nobody here reviews or edits: only its author resolves it.
  'thread.resolve': {
    subject: { title: "WFP's activity report on BPoA-5", authorId: 'user-focal_point-WFP', reviews: false, edits: false },
    expected: {
      staff: everywhere(RESOLVE_REASON),
      focal_point: { own: true, lead: RESOLVE_REASON, unrelated: RESOLVE_REASON },
      secretariat: everywhere(RESOLVE_REASON),
    },
  },
  'comment.change': {
    subject: { authorId: 'user-staff-WFP' },
    expected: {
      staff: { own: true, lead: COMMENT_REASON, unrelated: COMMENT_REASON },
      focal_point: everywhere(COMMENT_REASON),
      secretariat: everywhere(COMMENT_REASON),
    },
  },
  // Assigned to WFP: WFP's users mark it done.
  'actionItem.complete': {
    subject: { ...WFP, reviews: false },
    expected: {
      staff: { own: true, lead: ACTION_DONE_REASON, unrelated: ACTION_DONE_REASON },
      focal_point: { own: true, lead: ACTION_DONE_REASON, unrelated: ACTION_DONE_REASON },
      secretariat: { own: true, lead: ACTION_DONE_REASON, unrelated: ACTION_DONE_REASON },
    },
  },
  'users.manage': {
    subject: wfpUsers,
    expected: {
      staff: everywhere(USERS_REASON),
      focal_point: { own: true, lead: USERS_REASON, unrelated: USERS_REASON },
      secretariat: everywhere(true),
    },
  },
  'users.manageSecretariat': {
    subject: null,
    expected: secretariatOnly('Only the secretariat can grant the secretariat role or manage secretariat accounts.'),
  },
  'audit.read': { subject: null, expected: secretariatOnly('Only the secretariat can read the audit trail.') },
  'digests.run': { subject: null, expected: secretariatOnly('Only the secretariat can run digests by hand.') },
  'mail.read': { subject: null, expected: secretariatOnly('Only the secretariat can read the mail outbox.') },
};

const cases = (Object.keys(TABLE) as Action[]).flatMap((action) =>
  ROLES.flatMap((role) => RELATIONS.map((relation) => [action, role, relation, TABLE[action].expected[role][relation]] as const)),
);

// decide/authorize are generic over the action; the table pairs each action with its own subject type.
const decideRow = (action: Action, user: Principal) => decide(user, action, TABLE[action].subject as never);
const authorizeRow = (action: Action, user: Principal) => authorize(user, action, TABLE[action].subject as never);
const refusalForRow = (action: Action, user: Principal) => refusalFor(user, action, TABLE[action].subject as never);

describe('policy: who may do what (DESIGN.md §3)', () => {
  it('covers every role and relation of every action, and no action is open to all or closed to all', () => {
    for (const action of Object.keys(TABLE) as Action[]) {
      const answers = cases.filter((row) => row[0] === action).map((row) => row[3]);
      expect(answers).toHaveLength(ROLES.length * RELATIONS.length);
      expect(answers).toContain(true);
      expect(answers.some((answer) => answer !== true)).toBe(true);
    }
  });

  describe.each(cases)('%s by a %s of the %s agency', (action, role, relation, expected) => {
    const user = principal(role, AGENCY_OF[relation]);

    it(expected === true ? 'is allowed' : `is refused: ${expected}`, () => {
      expect(decideRow(action, user)).toBe(expected);
    });

    it(expected === true ? 'authorize() lets it through' : 'authorize() throws a 403 with the reason', () => {
      if (expected === true) {
        expect(authorizeRow(action, user)).toBeUndefined();
        return;
      }
      let thrown: unknown;
      try {
        authorizeRow(action, user);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ForbiddenError);
      expect((thrown as ForbiddenError).status).toBe(403);
      expect((thrown as ForbiddenError).code).toBe('forbidden');
      expect((thrown as ForbiddenError).message).toBe(expected);
      // The same refusal as data, for clients to say in the user's language.
      expect((thrown as ForbiddenError).details).toEqual(refusalForRow(action, user));
    });

    it(expected === true ? 'has no refusal' : 'is refused with a reason code, whose English sentence is the one above', () => {
      const refused = refusalForRow(action, user);
      if (expected === true) {
        expect(refused).toBeNull();
        return;
      }
      expect(refused?.reason).toMatch(/^[a-z]+(_[a-z]+)+$/);
      expect(Object.keys(REFUSAL_SENTENCES)).toContain(refused?.reason);
      expect(refusalSentence(refused!)).toBe(expected);
    });
  });

  describe('beyond the table', () => {
    const faoFocalPoint = principal('focal_point', FAO);
    const faoStaff = principal('staff', FAO);
    const faoReport: ActivityReportSubject = { commitment: bpoa5, ...FAO };

    it("lets a lead agency's users write and its focal points submit the lead agency's own report", () => {
      expect(decide(faoStaff, 'activityReport.create', faoReport)).toBe(true);
      expect(decide(faoStaff, 'activityReport.edit', faoReport)).toBe(true);
      expect(decide(faoStaff, 'activityReport.submit', faoReport)).toBe("Only FAO's focal points can submit its activity report.");
      expect(decide(faoFocalPoint, 'activityReport.submit', faoReport)).toBe(true);
    });

    it('refuses a report for an agency that neither leads nor contributes, even to its own users', () => {
      const iloReport: ActivityReportSubject = { commitment: bpoa5, ...ILO };
      expect(decide(principal('focal_point', ILO), 'activityReport.create', iloReport)).toBe('ILO neither leads nor contributes to BPoA-5.');
      expect(decide(principal('secretariat', ILO), 'activityReport.create', iloReport)).toBe('ILO neither leads nor contributes to BPoA-5.');
    });

    it('gives every lead agency of a commitment with several leads the lead rights, and no contributor', () => {
      const jointly: CommitmentSubject = { reference: 'FSTG-ETH-1', leadAgencyIds: [FAO.agencyId, ILO.agencyId], contributingAgencyIds: [WFP.agencyId] };
      const report: ActivityReportSubject = { commitment: jointly, ...WFP };
      for (const lead of [FAO, ILO]) {
        expect(decide(principal('focal_point', lead), 'activityReport.review', report)).toBe(true);
        expect(decide(principal('focal_point', lead), 'commitment.setStatus', jointly)).toBe(true);
      }
      expect(decide(principal('focal_point', WFP), 'commitment.setStatus', jointly)).toBe(
        "Only focal points of FSTG-ETH-1's lead agencies or the secretariat can set its status.",
      );
    });

    it("lets WFP's users edit its narrative only while it is a draft or returned", () => {
      const wfpStaff = principal('staff', WFP);
      expect(decide(wfpStaff, 'activityNarrative.edit', { ...wfpReport, state: 'returned' })).toBe(true);
      expect(decide(wfpStaff, 'activityNarrative.edit', { ...wfpReport, state: 'submitted' })).toBe(
        'This report is submitted and awaits review; you are viewing.',
      );
      expect(decide(principal('focal_point', WFP), 'activityNarrative.edit', { ...wfpReport, state: 'accepted' })).toBe(
        'This report was accepted and is frozen; you are viewing.',
      );
      // Another agency is told whose report it is, whatever the state.
      expect(decide(principal('focal_point', FAO), 'activityNarrative.edit', { ...wfpReport, state: 'returned' })).toBe(NARRATIVE_REASON);
    });

    it('freezes an issued consolidated summary for everyone, the secretariat too, until it is reopened', () => {
      const issued: ConsolidatedSummarySubject = { ...bpoaSummary, state: 'issued' };
      const frozen = 'This report is issued and frozen until the secretariat opens the next edit round; you are viewing.';
      expect(decide(principal('secretariat', ILO), 'consolidatedSummary.edit', issued)).toBe(frozen);
      expect(decide(principal('focal_point', FAO), 'consolidatedSummary.edit', issued)).toBe(frozen);
    });

    it("names the agencies that edit a commitment's live report", () => {
      const joint: CommitmentReportSubject = {
        reference: 'FSTG-ETH-1',
        leadAgencyIds: [FAO.agencyId],
        contributingAgencyIds: [WFP.agencyId, '00000000-0000-4000-8000-0000000000fa'],
        leadAgencyCodes: ['FAO'],
        contributingAgencyCodes: ['WFP', 'IFAD'],
      };
      expect(decide(principal('staff', ILO), 'commitmentReport.edit', joint)).toBe('FAO, WFP and IFAD edit this report; you are viewing.');
    });

    it('judges by agency id, not by a look-alike code', () => {
      const impostor = principal('focal_point', { agencyId: '00000000-0000-4000-8000-0000000000ff', agencyCode: 'WFP' });
      expect(decide(impostor, 'activityReport.submit', wfpReport)).toBe(SUBMIT_REASON);
      expect(decide(impostor, 'users.manage', wfpUsers)).toBe(USERS_REASON);
    });
  });
});
