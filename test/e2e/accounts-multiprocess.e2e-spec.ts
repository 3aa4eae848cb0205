import { PrincipalCache } from '../../src/accounts/principal-cache';
import { UsersRepository } from '../../src/accounts/users.repository';
import { PgNotifications } from '../../src/database/notifications';
import { Transactions } from '../../src/database/transactions';
import { startTestApp, type TestApp } from '../support/test-app';

/** Polls `check` until it holds or `withinMs` passes; answers whether it held. */
async function holdsWithin(withinMs: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  do {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  } while (Date.now() < deadline);
  return false;
}

/**
 * Behind a load balancer, every server process keeps its own short cache of who each user is (5 s). A change made
 * through one process (role, deactivation, second factor) must be obeyed by the others at once: it is announced
 * with NOTIFY when its transaction commits. The other process is stood in for by a second PrincipalCache with its
 * own LISTEN connection (two Nest apps in one Jest process would share passport's deserializer, hence one cache).
 */
describe('changes to a user reach the other server processes at once', () => {
  let t: TestApp;
  let notifications: PgNotifications;
  let otherProcess: PrincipalCache;
  beforeAll(async () => {
    t = await startTestApp();
    notifications = new PgNotifications(t.databaseUrl);
    otherProcess = new PrincipalCache(t.app.get(Transactions), t.app.get(UsersRepository), notifications);
    await otherProcess.onApplicationBootstrap();
  });
  afterAll(async () => {
    await notifications.onModuleDestroy();
    await t.close();
  });

  it('a focal point demoted, then deactivated, is seen as such by the other process within a second', async () => {
    const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    const manager = await t.as((await t.factory.user({ agency: 'FAO', role: 'focal_point' })).email);
    expect((await otherProcess.get(focal.id))?.role).toBe('focal_point');

    expect((await manager.patch(`/api/users/${focal.id}`, { version: 1, role: 'staff' })).status).toBe(200);
    expect(await holdsWithin(1_000, async () => (await otherProcess.get(focal.id))?.role === 'staff')).toBe(true);

    expect((await manager.patch(`/api/users/${focal.id}`, { version: 2, active: false })).status).toBe(200);
    expect(await holdsWithin(1_000, async () => (await otherProcess.get(focal.id)) === null)).toBe(true);
  });

  it('a user raised to the secretariat must turn on two-factor sign-in in the other process within a second', async () => {
    const user = await t.factory.user({ agency: 'CEB', role: 'focal_point' });
    const manager = await t.as((await t.factory.user({ role: 'secretariat' })).email);
    expect((await otherProcess.get(user.id))?.secondFactor).toBe('off');

    expect((await manager.patch(`/api/users/${user.id}`, { version: 1, role: 'secretariat' })).status).toBe(200);
    expect(await holdsWithin(1_000, async () => (await otherProcess.get(user.id))?.secondFactor === 'enrolment_required')).toBe(true);
  });
});
