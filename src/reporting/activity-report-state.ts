export const ACTIVITY_REPORT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ActivityReportState = (typeof ACTIVITY_REPORT_STATES)[number];
