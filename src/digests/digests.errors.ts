import { InvalidInputError } from '../common/errors';

export class UnknownTimeZoneError extends InvalidInputError {
  constructor(timeZone: string) {
    super('timeZone', `timeZone must be an IANA time zone such as Europe/Rome; ${JSON.stringify(timeZone.slice(0, 64))} is not one.`);
  }
}
