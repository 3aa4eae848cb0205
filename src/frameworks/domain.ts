export const FRAMEWORK_KINDS = ['programme', 'theme_group', 'strategy', 'decisions'] as const;
export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];

export const COMMITMENT_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track', 'achieved'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/** How an agency takes part in a commitment. */
export const PARTICIPATIONS = ['lead', 'contributing'] as const;
export type Participation = (typeof PARTICIPATIONS)[number];
