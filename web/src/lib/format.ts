import { currentLocale } from './i18n';
import type { CellState, CommitmentStatus, ReportState, Role } from './types';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A calendar date (YYYY-MM-DD) as people read it; it has no time zone. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** A moment, in the user's time zone. */
export function formatMoment(moment: string | null | undefined): string {
  if (!moment) return '—';
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(moment));
}

/** A number in the user's language (Arabic with its own digits, as CLDR says for `ar`). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLocale(), options).format(value);
}

/** A share (0.42) as a percentage, the user's way. */
export function formatPercent(share: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Words joined as a list ("FAO, UNDP and WFP"), the user's way. */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(currentLocale(), { style: 'long', type: 'conjunction' }).format(items);
}

/** Catalogue keys of the labels (translate with `t(STATUS_LABEL[status])`). */
export const STATUS_LABEL: Record<CommitmentStatus, string> = {
  not_started: 'status.not_started',
  on_track: 'status.on_track',
  at_risk: 'status.at_risk',
  off_track: 'status.off_track',
  achieved: 'status.achieved',
};

export const STATUS_COLOR: Record<CommitmentStatus, string> = {
  not_started: 'gray',
  on_track: 'teal',
  at_risk: 'yellow',
  off_track: 'red',
  achieved: 'blue',
};

export const STATE_LABEL: Record<CellState, string> = {
  missing: 'state.missing',
  draft: 'state.draft',
  submitted: 'state.submitted',
  returned: 'state.returned',
  accepted: 'state.accepted',
  overdue: 'state.overdue',
};

export const STATE_COLOR: Record<CellState, string> = {
  missing: 'gray',
  draft: 'indigo',
  submitted: 'cyan',
  returned: 'orange',
  accepted: 'teal',
  overdue: 'red',
};

/** Catalogue keys of the roles. */
export const ROLE_LABEL: Record<Role, string> = {
  staff: 'role.staff',
  focal_point: 'role.focal_point',
  secretariat: 'role.secretariat',
};

export const reportStateLabel = (state: ReportState) => STATE_LABEL[state];

export const today = () => new Date().toISOString().slice(0, 10);
