import { refuse, type Refusal } from './refusal.js';

const MAX_MESSAGE = 1000;

/** The reply to a request that failed its schema: INVALID_REQUEST naming every problem. */
export async function invalidRequestReply(raw: {
  issues: string[];
}): Promise<{ ok: false; error: Refusal }> {
  const text = `The request is invalid: ${raw.issues.join('; ')}.`;
  const message = text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
  return { ok: false, error: refuse('INVALID_REQUEST', message) };
}
