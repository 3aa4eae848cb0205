import { ACTIVITY_REPORT_STATES, type ActivityReportState } from './activity-report-state';
import { EDITABLE_STATES, editRefusal, type Transition, transitionRefusal, TRANSITIONS } from './activity-report-workflow';

/**
 * The intended life of an activity report (DESIGN.md §2, issue 2 §8), written out independently of TRANSITIONS:
 * draft → submitted → accepted, or returned (with a reason) → submitted again; accepted is frozen until the lead
 * agency or the secretariat reopens it, which returns it with a reason.
 */
const ALLOWED: Record<ActivityReportState, Record<Transition, boolean>> = {
  draft: { submit: true, accept: false, return: false, reopen: false },
  submitted: { submit: false, accept: true, return: true, reopen: false },
  accepted: { submit: false, accept: false, return: false, reopen: true },
  returned: { submit: true, accept: false, return: false, reopen: false },
};

const TARGET: Record<Transition, { to: ActivityReportState; needsReason: boolean; permission: string }> = {
  submit: { to: 'submitted', needsReason: false, permission: 'activityReport.submit' },
  accept: { to: 'accepted', needsReason: false, permission: 'activityReport.review' },
  return: { to: 'returned', needsReason: true, permission: 'activityReport.review' },
  reopen: { to: 'returned', needsReason: true, permission: 'activityReport.reopen' },
};

const ALL_TRANSITIONS = Object.keys(TARGET) as Transition[];

const pairs = ACTIVITY_REPORT_STATES.flatMap((state) => ALL_TRANSITIONS.map((transition) => [state, transition, ALLOWED[state][transition]] as const));

describe('activity report workflow', () => {
  it('knows exactly the four states and the four transitions of the design', () => {
    expect([...ACTIVITY_REPORT_STATES].sort()).toEqual(Object.keys(ALLOWED).sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ALL_TRANSITIONS].sort());
  });

  describe.each(pairs)('%s report, %s', (state, transition, allowed) => {
    it(allowed ? 'is allowed' : 'is refused with a reason', () => {
      const refusal = transitionRefusal(state, transition);
      expect(TRANSITIONS[transition].from.includes(state)).toBe(allowed);
      if (allowed) {
        expect(refusal).toBeNull();
      } else {
        expect(typeof refusal).toBe('string');
        expect(refusal!.trim().length).toBeGreaterThan(10);
        expect(refusal).toMatch(/\.$/);
      }
    });
  });

  it.each(ALL_TRANSITIONS)('%s leads to the intended state, with the intended permission and reason rule', (transition) => {
    expect(TRANSITIONS[transition]).toMatchObject(TARGET[transition]);
    expect(TRANSITIONS[transition].verb.length).toBeGreaterThan(0);
  });

  it('allows every transition from at least one state, and never a transition into the state it leaves', () => {
    for (const transition of ALL_TRANSITIONS) {
      expect(TRANSITIONS[transition].from.length).toBeGreaterThan(0);
      expect(TRANSITIONS[transition].from).not.toContain(TRANSITIONS[transition].to);
    }
  });

  it('gives reasons a user can act on', () => {
    expect(transitionRefusal('submitted', 'submit')).toBe('This report is already submitted.');
    expect(transitionRefusal('accepted', 'submit')).toMatch(/accepted.*frozen/);
    expect(transitionRefusal('accepted', 'accept')).toMatch(/already accepted/);
    expect(transitionRefusal('accepted', 'return')).toMatch(/reopen/);
    expect(transitionRefusal('draft', 'accept')).toBe('Only a submitted report can be accepted; this one is draft.');
    expect(transitionRefusal('returned', 'return')).toBe('Only a submitted report can be returned; this one is returned.');
    expect(transitionRefusal('submitted', 'reopen')).toMatch(/cannot be reopened/);
  });

  // Only an accepted report can be reopened: the refusal must not say that a submitted one can.
  it.each(['draft', 'returned'] as const)('refuses to reopen a %s report, saying only an accepted one can be', (state) => {
    const refusal = transitionRefusal(state, 'reopen');
    expect(refusal).not.toBeNull();
    expect(refusal).not.toMatch(/only a submitted report can be reopened/i);
    expect(refusal).toMatch(/accepted/i);
  });

  it('walks a report through its whole life: draft → submitted → returned → submitted → accepted → reopened → submitted', () => {
    const steps: Transition[] = ['submit', 'return', 'submit', 'accept', 'reopen', 'submit'];
    let state: ActivityReportState = 'draft';
    const visited: ActivityReportState[] = [state];
    for (const step of steps) {
      expect(transitionRefusal(state, step)).toBeNull();
      state = TRANSITIONS[step].to;
      visited.push(state);
    }
    expect(visited).toEqual(['draft', 'submitted', 'returned', 'submitted', 'accepted', 'returned', 'submitted']);
  });

  describe('editing', () => {
    const EDITABLE: Record<ActivityReportState, boolean> = { draft: true, submitted: false, accepted: false, returned: true };

    it.each(ACTIVITY_REPORT_STATES.map((state) => [state, EDITABLE[state]] as const))('%s report: editable %s', (state, editable) => {
      const refusal = editRefusal(state);
      if (editable) {
        expect(refusal).toBeNull();
      } else {
        expect(typeof refusal).toBe('string');
        expect(refusal!.length).toBeGreaterThan(10);
      }
      expect(EDITABLE_STATES.includes(state)).toBe(editable);
    });

    it('says why a submitted or an accepted report cannot be edited', () => {
      expect(editRefusal('submitted')).toMatch(/submitted/);
      expect(editRefusal('accepted')).toMatch(/frozen/);
    });
  });
});
