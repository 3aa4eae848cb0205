// What GET /api/health answers (see src/openapi): only ever this, since anything else is a 503.

export class HealthResponse {
  status!: 'ok';
  /** The database answered. */
  database!: 'up';
}
