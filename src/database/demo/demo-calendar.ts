/**
 * When the demo's reporting cycles fall. The seed fixes no reporting dates, so the demo places its cycles around
 * the day it is loaded: whoever opens it finds a cycle just closed, one due in about three weeks, and one report
 * overdue, whatever the date.
 *
 * The rule, for a load on day D (UTC):
 * - Cycles are half-years, labelled `YYYY-H1` (January-June) and `YYYY-H2` (July-December). On its own calendar a
 *   half-year's cycle opens on its first day, is due on the last day of the month after it ends and closes a month
 *   later: 2026-H1 opens 2026-01-01, is due 2026-07-31 and closes 2026-08-31; 2026-H2 runs 2026-07-01, 2027-01-31,
 *   2027-02-28.
 * - The closed cycle is the latest half-year whose calendar closing day is before D, on its calendar dates; the
 *   earlier one is the half-year before it (the Brussels Programme has both, so that indicator values make a series).
 * - The current cycle is the half-year after the closed one. It opens on its first day (always on or before D), but
 *   its due date is not the calendar one: it is D + 21 days, and it closes 30 days after that. Loaded on 2026-12-01,
 *   2026-H2 is due 2026-12-22 (before the half-year ends); loaded on 2026-08-20, when 2026-H1 is not yet closed on its
 *   calendar, the current cycle is 2026-H1, due 2026-09-10 (after its calendar due date). The label always names the
 *   half-year being reported on; only the due and closing days move.
 * - The theme group's current cycle is the same half-year, but it fell due six days before D and is still open for
 *   30 days after its due date: the one report not submitted in it is overdue.
 */
import type { DemoCycle, IsoDate } from './demo-data.types';

/** How many days after the load the current cycle falls due: the dashboard's "due soon" window is 7-21 days. */
export const DUE_IN_DAYS = 21;
/** How many days before the load the theme group's current cycle fell due. */
export const OVERDUE_BY_DAYS = 6;
/** How long a current cycle stays open after its due date, for late reports and the lead agencies' review. */
const OPEN_AFTER_DUE_DAYS = 30;

export interface DemoCalendar {
  /** The load day, D. */
  today: IsoDate;
  /** The half-year before the closed one, on its calendar dates. */
  earlier: DemoCycle;
  /** The latest half-year closed on its calendar before D. */
  closed: DemoCycle;
  /** The next half-year, due D + 21 days. */
  current: DemoCycle;
  /** The same half-year as `current`, for the theme group: due D - 6 days, still open. */
  overdue: DemoCycle;
}

export function demoCalendar(now: Date): DemoCalendar {
  const today = isoDate(now);
  let closed = halfYearOf(today);
  while (!(calendarCycle(closed).closesOn < today)) closed = previous(closed);
  const current = next(closed);
  const opensOn = calendarCycle(current).opensOn;
  const dueSoon = addDays(today, DUE_IN_DAYS);
  const dueBefore = addDays(today, -OVERDUE_BY_DAYS);
  return {
    today,
    earlier: calendarCycle(previous(closed)),
    closed: calendarCycle(closed),
    current: { label: label(current), opensOn, dueOn: dueSoon, closesOn: addDays(dueSoon, OPEN_AFTER_DUE_DAYS) },
    overdue: { label: label(current), opensOn, dueOn: dueBefore, closesOn: addDays(dueBefore, OPEN_AFTER_DUE_DAYS) },
  };
}

interface HalfYear {
  year: number;
  half: 1 | 2;
}

function halfYearOf(day: IsoDate): HalfYear {
  return { year: Number(day.slice(0, 4)), half: Number(day.slice(5, 7)) <= 6 ? 1 : 2 };
}

const previous = ({ year, half }: HalfYear): HalfYear => (half === 2 ? { year, half: 1 } : { year: year - 1, half: 2 });
const next = ({ year, half }: HalfYear): HalfYear => (half === 1 ? { year, half: 2 } : { year: year + 1, half: 1 });
const label = ({ year, half }: HalfYear): string => `${year}-H${half}`;

/** A half-year's cycle on its own calendar: opens on its first day, due a month after it ends, closes a month later. */
function calendarCycle(period: HalfYear): DemoCycle {
  const firstMonth = period.half === 1 ? 1 : 7; // 1-based
  const lastMonth = firstMonth + 5;
  return {
    label: label(period),
    opensOn: isoDate(new Date(Date.UTC(period.year, firstMonth - 1, 1))),
    // Day 0 of a month is the last day of the month before it: month index lastMonth + 1 is two months after the end.
    dueOn: isoDate(new Date(Date.UTC(period.year, lastMonth + 1, 0))),
    closesOn: isoDate(new Date(Date.UTC(period.year, lastMonth + 2, 0))),
  };
}

export function isoDate(moment: Date): IsoDate {
  return moment.toISOString().slice(0, 10);
}

export function addDays(day: IsoDate, days: number): IsoDate {
  const moment = new Date(`${day}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return isoDate(moment);
}
