import { parseResult, wsFrameSchema, type WsFrame } from '@livegate/contracts';
import type { ParsedFrame } from '$lib/stores/live-socket.svelte.js';

/** The websocket's event map: frame type → its `data`, straight from the contracts' frame union. */
export type FrameMap = { [F in WsFrame as F['type']]: F['data'] };

/** Parses one websocket message with the contracts' `wsFrameSchema`; anything else is dropped with reasons. */
export function parseFrame(text: string): ParsedFrame<FrameMap> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, issues: ['frame is not JSON'] };
  }
  const parsed = parseResult(wsFrameSchema, json);
  if (!parsed.ok) return parsed;
  const frame = parsed.value;
  return {
    ok: true,
    frame: { type: frame.type, data: frame.data, seq: 'seq' in frame ? frame.seq : undefined },
  } as ParsedFrame<FrameMap>;
}
