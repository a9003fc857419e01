import { describe, expect, it } from 'vitest';
import { formatDuration, formatRemaining, formatTimestamp, formatZone, msUntil } from './time.js';

describe('formatRemaining', () => {
  it.each([
    [0, '0s'],
    [-5_000, '0s'],
    [Number.NaN, '0s'],
    [1, '1s'],
    [999, '1s'],
    [1_000, '1s'],
    [1_001, '2s'],
    [59_000, '59s'],
    [60_000, '1m 00s'],
    [242_000, '4m 02s'],
    [3_600_000, '1h 00m 00s'],
    [4 * 3_600_000 - 1, '4h 00m 00s'],
    [3 * 3_600_000 + 5 * 60_000 + 9_000, '3h 05m 09s'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [4 * 3_600_000, '4 hours'],
    [3_600_000, '1 hour'],
    [90 * 60_000, '90 minutes'],
    [60_000, '1 minute'],
    [45_000, '45 seconds'],
    [1_000, '1 second'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('msUntil / formatTimestamp', () => {
  it('counts down to an ISO instant', () => {
    const now = Date.parse('2026-01-31T12:00:00.000Z');
    expect(msUntil('2026-01-31T12:00:05.000Z', now)).toBe(5_000);
    expect(msUntil('2026-01-31T11:59:59.000Z', now)).toBe(-1_000);
  });

  it('formats to the second with the zone, and leaves garbage as it came', () => {
    expect(formatTimestamp('2026-01-31T12:00:05.000Z')).toMatch(
      /^2026-01-3\d \d\d:\d\d:05 UTC([+-]\d\d:\d\d)?$/,
    );
    expect(formatTimestamp('2026-01-31T12:00:05.000Z', () => 0)).toBe('2026-01-31 12:00:05 UTC');
    expect(formatTimestamp('2026-01-31T20:00:05.000Z', () => 330)).toBe(
      '2026-02-01 01:30:05 UTC+05:30',
    );
    expect(formatTimestamp('2026-01-31T02:00:05.000Z', () => -300)).toBe(
      '2026-01-30 21:00:05 UTC-05:00',
    );
    expect(formatTimestamp('not a date')).toBe('not a date');
  });

  it('names the zone by its offset', () => {
    expect([0, 60, 330, -210, -720].map(formatZone)).toEqual([
      'UTC',
      'UTC+01:00',
      'UTC+05:30',
      'UTC-03:30',
      'UTC-12:00',
    ]);
  });
});
