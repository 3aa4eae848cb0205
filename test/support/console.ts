/**
 * What the server process printed on its console (process.stdout) while `action` ran, held back from the test's own
 * output. The test servers run in the test's process, so this is the terminal an operator would read.
 */
export async function printedDuring<T>(action: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const original = process.stdout.write.bind(process.stdout);
  let printed = '';
  process.stdout.write = (chunk: string | Uint8Array) => {
    printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  try {
    const result = await action();
    return { result, printed };
  } finally {
    process.stdout.write = original;
  }
}
