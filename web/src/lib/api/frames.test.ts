import { describe, expect, it } from 'vitest';
import { parseFrame } from './frames.js';

describe('parseFrame', () => {
  it('passes a valid mode.changed frame with its seq', () => {
    const text = JSON.stringify({
      type: 'mode.changed',
      seq: 4,
      data: {
        mode: 'HALTED',
        previousMode: 'PAPER',
        version: 3,
        operator: 'alice',
        reason: 'test',
        at: '2026-01-31T12:00:00.000Z',
      },
    });
    const parsed = parseFrame(text);
    expect(parsed).toMatchObject({ ok: true, frame: { type: 'mode.changed', seq: 4 } });
  });

  it('passes a heartbeat without seq', () => {
    const parsed = parseFrame(
      JSON.stringify({ type: 'heartbeat', data: { at: '2026-01-31T12:00:00Z' } }),
    );
    expect(parsed).toEqual({
      ok: true,
      frame: { type: 'heartbeat', data: { at: '2026-01-31T12:00:00Z' }, seq: undefined },
    });
  });

  it('refuses non-JSON, unknown types and bad payloads with readable issues', () => {
    expect(parseFrame('{')).toEqual({ ok: false, issues: ['frame is not JSON'] });
    const unknown = parseFrame(JSON.stringify({ type: 'nope', data: {} }));
    expect(unknown.ok).toBe(false);
    const bad = parseFrame(JSON.stringify({ type: 'mode.changed', data: { mode: 'MAYBE' } }));
    expect(bad.ok === false && bad.issues.some((i) => i.startsWith('data.mode'))).toBe(true);
  });
});
