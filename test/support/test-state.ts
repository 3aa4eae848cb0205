import type { EmbeddedDatabase } from '../../src/database/embedded-postgres';

/** Shared by global setup and teardown, which run in the same process. */
export const testState: { embedded?: EmbeddedDatabase; serverUrl?: string; template?: string } =
  ((globalThis as { __concertTestState?: object }).__concertTestState ??= {});
