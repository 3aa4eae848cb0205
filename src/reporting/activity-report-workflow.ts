import type { Action } from '../common/policy';
import type { ActivityReportState } from './activity-report-state';

/**
 * The life of an activity report: draft → submitted → accepted, or returned (with a reason) → submitted again.
 * An accepted report is frozen; the lead agency or the secretariat can reopen it, which returns it with a reason.
 */
export type Transition = 'submit' | 'accept' | 'return' | 'reopen';

interface TransitionRule {
  from: readonly ActivityReportState[];
  to: ActivityReportState;
  /** The permission the acting user needs. */
  permission: Extract<Action, 'activityReport.submit' | 'activityReport.review' | 'activityReport.reopen'>;
  needsReason: boolean;
  /** For the change feed: "FAO submitted …". */
  verb: string;
}

export const TRANSITIONS: Record<Transition, TransitionRule> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', permission: 'activityReport.submit', needsReason: false, verb: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted', permission: 'activityReport.review', needsReason: false, verb: 'accepted' },
  return: { from: ['submitted'], to: 'returned', permission: 'activityReport.review', needsReason: true, verb: 'returned' },
  reopen: { from: ['accepted'], to: 'returned', permission: 'activityReport.reopen', needsReason: true, verb: 'reopened' },
};

/** States in which the agency may change the report's content. */
export const EDITABLE_STATES: readonly ActivityReportState[] = ['draft', 'returned'];

/** Why a report in this state cannot take this transition (for the 409), or null when it can. */
export function transitionRefusal(state: ActivityReportState, transition: Transition): string | null {
  if (TRANSITIONS[transition].from.includes(state)) return null;
  switch (state) {
    case 'accepted':
      return transition === 'submit'
        ? 'This report was accepted and is frozen; the lead agency can reopen it.'
        : 'This report is already accepted; reopen it first.';
    case 'submitted':
      return transition === 'submit' ? 'This report is already submitted.' : `A submitted report cannot be ${TRANSITIONS[transition].verb}.`;
    case 'draft':
    case 'returned':
      return transition === 'reopen'
        ? `Only an accepted report can be reopened; this one is ${state}.`
        : `Only a submitted report can be ${TRANSITIONS[transition].verb}; this one is ${state}.`;
  }
}

export function editRefusal(state: ActivityReportState): string | null {
  switch (state) {
    case 'draft':
    case 'returned':
      return null;
    case 'submitted':
      return 'This report is submitted and awaits review; it can be edited again if it is returned.';
    case 'accepted':
      return 'This report was accepted and is frozen; the lead agency can reopen it.';
  }
}
