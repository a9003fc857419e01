/**
 * Wraps a reload so that calls never overlap: a call while one runs asks for one more run after
 * it (however many calls came in meanwhile, and whether the running one failed or not), and
 * resolves when the data it asked for is loaded.
 * A burst of `money.changed` notices (a fill, its balances, a reconcile) costs at most two loads.
 */
export function coalesced(load: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again: Promise<void> | undefined;

  const run = (): Promise<void> => {
    running = load().finally(() => {
      running = undefined;
    });
    return running;
  };

  return () => {
    if (running === undefined) return run();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    again ??= settled.then(() => {
      again = undefined;
      return run();
    });
    return again;
  };
}
