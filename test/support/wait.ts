/** Resolves after `ms` milliseconds: for pacing a scenario, never for waiting on an outcome (use `eventually`). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Resolves once `check` holds (sync or async), polling every 20 ms; rejects after `timeoutMs` naming `what`, the
 * outcome awaited (a function when the message should describe the state at the time of failure).
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string | (() => string),
  timeoutMs = 5_000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for: ${typeof what === 'string' ? what : what()}`);
    }
    await sleep(20);
  }
}
