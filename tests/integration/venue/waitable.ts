/**
 * A list that tests wait on: `until` re-checks on every push, bounded by a timeout (no sleeps).
 */
export class Waitable<T> {
  readonly items: T[] = [];
  private readonly wakers = new Set<() => void>();

  push = (item: T): void => {
    this.items.push(item);
    for (const wake of [...this.wakers]) wake();
  };

  /** Resolves with the first item (after `from`) that matches, at most `timeoutMs`. */
  async next(match: (item: T) => boolean, what: string, from = 0, timeoutMs = 5_000): Promise<T> {
    const find = () => this.items.slice(from).find(match);
    const found = find();
    if (found !== undefined) return found;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wakers.delete(wake);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.items)}`));
      }, timeoutMs);
      const wake = () => {
        const item = find();
        if (item === undefined) return;
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve(item);
      };
      this.wakers.add(wake);
    });
  }
}

/** Waits until `check()` holds, polling the async check at most every `everyMs` (bounded). */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 5_000,
  everyMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
