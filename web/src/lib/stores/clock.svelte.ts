/** A ticking `now` for countdowns; started by the layout, stopped when it unmounts. */
export class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | undefined;

  start(intervalMs = 250): void {
    if (this.#timer !== undefined) return;
    this.now = Date.now();
    this.#timer = setInterval(() => {
      this.now = Date.now();
    }, intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

export const clock = new Clock();
