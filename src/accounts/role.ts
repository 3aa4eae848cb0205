export const ROLES = ['staff', 'focal_point', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];
