import { ApiAlwaysTrue } from '../openapi/always-true';
import type { DigestFrequency, Frequency } from './digests.dto';
import type { FollowTarget } from './follows.repository';

// What the API answers about digests: the user's digest preferences and follows, a run by hand, an unsubscription.
// The Swagger plugin of `nest build` describes these classes in the OpenAPI document, from which the browser client's
// types are generated (`npm run api:types`); each handler returns one of them, so the compiler holds the server to
// what the document says.

/** When the user's digest leaves. Until they choose, none is sent (reminders to focal points still are, at 07:00 UTC). */
export class DigestPreferencesResponse {
  /** off, daily or weekly (weekly digests leave on Mondays). */
  frequency!: Frequency;
  /** The local hour the digest leaves at, 0 to 23. */
  hour!: number;
  /** An IANA time zone such as Europe/Rome; the hour is read in it, daylight saving included. */
  timeZone!: string;
}

/** A framework or a commitment the user's digest follows. */
export class FollowResponse {
  targetType!: FollowTarget;
  targetId!: string;
  /** What the user sees it as: a framework's code or a commitment's reference. */
  label!: string;
  /** follows: the user chose it; agency_leads / agency_contributes: by default, through the user's agency. */
  reason!: 'follows' | 'agency_leads' | 'agency_contributes';
}

/** What the user follows now: explicit follows, and their agency's commitments unless unfollowed. */
export class FollowPage {
  items!: FollowResponse[];
  total!: number;
}

/** What a run of the digests did (POST /api/admin/digests/run). */
export class DigestRunResponse {
  frequency!: DigestFrequency;
  /** The periods that ended at or before this time were built (ISO 8601). */
  asOf!: string;
  /** Users whose period had ended and was not done. */
  due!: number;
  /** Digests written to the outbox by this run. */
  mailed!: number;
  /** Periods with nothing to say: done, no mail. */
  empty!: number;
  /** Periods another run (or process) did first. */
  skipped!: number;
}

/** The recipient's digests are off (the JSON answer of POST /api/digests/unsubscribe). */
export class UnsubscribedResponse {
  @ApiAlwaysTrue()
  unsubscribed!: true;
}
