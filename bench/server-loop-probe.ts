/**
 * Preloaded (`node --require dist/bench/server-loop-probe.js`) into each server `npm run bench:collab` starts, Concert
 * and Hocuspocus alike: measures the server's own event loop (delay p99, worst stall, busy share) over the window the
 * orchestrator opens and closes over the IPC channel (collab-shared.ts, ToServerProbe). Without a channel it does
 * nothing.
 */
import { type FromServerProbe, LoopWindow, type ToServerProbe } from './collab-shared';

if (process.send) {
  const loop = new LoopWindow();
  process.on('message', (received: ToServerProbe) => {
    if (received?.type !== 'loop-probe') return;
    if (received.command === 'reset') loop.reset();
    else process.send?.({ type: 'loop-figures', figures: loop.figures() } satisfies FromServerProbe);
  });
  // Listening must not keep a server alive that was told to stop.
  process.channel?.unref();
}
