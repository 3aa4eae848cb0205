import type { AgencyKind } from './agency-kind';

// What the API answers about agencies. The Swagger plugin of `nest build` describes these classes in the OpenAPI
// document (see src/openapi); each handler returns one of them.

/** An agency's official name in the other five languages of the UN (its English name is `name`); absent when not set. */
export class AgencyNamesResponse {
  ar?: string;
  es?: string;
  fr?: string;
  ru?: string;
  zh?: string;
}

/** An agency as the API shows it: with its official name in the UN's other languages. */
export class AgencyResponse {
  id!: string;
  /** Upper-case code, e.g. FAO. */
  code!: string;
  /** Its official name in English. */
  name!: string;
  kind!: AgencyKind;
  archivedAt!: Date | null;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
  names!: AgencyNamesResponse;
}

export class AgencyPage {
  items!: AgencyResponse[];
  total!: number;
}
