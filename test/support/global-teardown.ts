import { Client } from 'pg';
import { testState } from './test-state';

export default async function globalTeardown(): Promise<void> {
  if (testState.serverUrl && testState.template) {
    const client = new Client({ connectionString: testState.serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(testState.template)}`);
    await client.end();
  }
  await testState.embedded?.stop();
}
