/** Where the service reads the time: every expiry and window comparison goes through it. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
