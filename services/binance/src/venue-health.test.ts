import { describe, expect, it } from 'vitest';
import { createVenueHealth, type VenueHealth } from './venue-health.js';

function setup() {
  let t = 1_000;
  const changes: VenueHealth[] = [];
  const health = createVenueHealth({ now: () => t, onChange: (h) => changes.push(h) });
  return { health, changes, advance: (ms: number) => (t += ms) };
}

describe('venue health', () => {
  it('starts healthy and lets calls go out', () => {
    const { health } = setup();
    expect(health.current()).toEqual({ state: 'healthy' });
    expect(health.stoppedFor()).toBeUndefined();
  });

  it('a config fault makes it unhealthy until a call succeeds', () => {
    const { health, changes } = setup();
    health.configFault(-1022, 'Signature for this request is not valid.');
    expect(health.current()).toEqual({
      state: 'unhealthy',
      code: -1022,
      message: 'Signature for this request is not valid.',
      since: 1_000,
    });
    expect(health.stoppedFor()).toBeUndefined();
    health.succeeded();
    health.succeeded();
    expect(health.current()).toEqual({ state: 'healthy' });
    expect(changes.map((c) => c.state)).toEqual(['unhealthy', 'healthy']);
  });

  it('a ban stops the venue until its time, and neither success nor a config fault lifts it early', () => {
    const { health, advance, changes } = setup();
    health.banned(60_000, 'IP banned');
    expect(health.stoppedFor()).toBe(60_000);
    health.succeeded();
    health.configFault(-1021, 'x');
    advance(59_999);
    expect(health.current()).toMatchObject({ state: 'stopped', until: 61_000 });
    expect(health.stoppedFor()).toBe(1);
    advance(1);
    expect(health.stoppedFor()).toBeUndefined();
    expect(changes.map((c) => c.state)).toEqual(['stopped', 'healthy']);
  });
});
