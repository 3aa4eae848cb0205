import type { CellState, CommitmentStatus, ReportState } from './types';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A calendar date (YYYY-MM-DD) as people read it; it has no time zone. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(year!, month! - 1, day)));
}

/** A moment, in the user's time zone. */
export function formatMoment(moment: string | null | undefined): string {
  if (!moment) return '—';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(moment));
}

export const STATUS_LABEL: Record<CommitmentStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  achieved: 'Achieved',
};

export const STATUS_COLOR: Record<CommitmentStatus, string> = {
  not_started: 'gray',
  on_track: 'teal',
  at_risk: 'yellow',
  off_track: 'red',
  achieved: 'blue',
};

export const STATE_LABEL: Record<CellState, string> = {
  missing: 'Not started',
  draft: 'Draft',
  submitted: 'Submitted',
  returned: 'Returned',
  accepted: 'Accepted',
  overdue: 'Overdue',
};

export const STATE_COLOR: Record<CellState, string> = {
  missing: 'gray',
  draft: 'indigo',
  submitted: 'cyan',
  returned: 'orange',
  accepted: 'teal',
  overdue: 'red',
};

export const reportStateLabel = (state: ReportState) => STATE_LABEL[state];

export const today = () => new Date().toISOString().slice(0, 10);
