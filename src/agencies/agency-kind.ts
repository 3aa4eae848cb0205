export const AGENCY_KINDS = [
  'specialized_agency',
  'fund',
  'programme',
  'department',
  'office',
  'related_organization',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
