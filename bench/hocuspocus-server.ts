/**
 * @hocuspocus/server 4.x with its default settings, for `npm run bench:collab` to compare with (forked by
 * collab.bench.ts). No extension: documents live in memory only, as a default Hocuspocus keeps them (a persistence
 * extension would store them debounced, 2 s after the last change and at most 10 s after the first).
 * Listens on 127.0.0.1, on the port of BENCH_HOCUSPOCUS_PORT (0: any free port), and tells its parent the port.
 */
import { Server } from '@hocuspocus/server';

async function main(): Promise<void> {
  // `quiet` only hides the start banner; every other setting is the default.
  const server = new Server({ address: '127.0.0.1', port: Number(process.env.BENCH_HOCUSPOCUS_PORT ?? 0), quiet: true });
  await server.listen();
  process.send?.({ type: 'listening', port: server.address.port });
  // Never outlive the benchmark.
  process.on('disconnect', () => void server.destroy().finally(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`hocuspocus-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
