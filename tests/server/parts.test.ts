/**
 * The server's small parts on their own: the clock, the limits, the handshake's role decision and
 * the links people are given.
 */
import { describe, expect, it } from 'vitest';
import { admit } from '../../server/auth.ts';
import { FakeClock, offsetClock, systemClock } from '../../server/clock.ts';
import { linkBase, sessionLinks } from '../../server/config.ts';
import { checkShape, TokenBucket } from '../../server/limits.ts';
import { parseCommand } from '../../server/sessionHub.ts';

describe('the server clock', () => {
  it('is the wall clock read once plus monotonic time: a step of the wall clock moves nothing', () => {
    let monotonic = 1_000;
    const clock = systemClock(1_700_000_000_000, () => monotonic);
    expect(clock.now()).toBe(1_700_000_000_000);
    monotonic += 2_500.4;
    expect(clock.now()).toBe(1_700_000_002_500);
  });

  it('moves a fake or offset clock forward only', () => {
    const fake = new FakeClock(5_000);
    fake.advance(250);
    expect(fake.now()).toBe(5_250);
    expect(() => fake.advance(-1)).toThrow(RangeError);
    const offset = offsetClock(fake, 1_000);
    offset.advance(500);
    expect(offset.now()).toBe(6_750);
  });
});

describe('limits', () => {
  it('refills a token bucket with time and says how long to wait', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 4 }, 0);
    expect(bucket.take(0)).toBeNull();
    expect(bucket.take(0)).toBeNull();
    expect(bucket.take(0)).toBe(250);
    expect(bucket.take(250)).toBeNull();
    expect(bucket.idle(10_000)).toBe(true);
  });

  it('measures a hostile payload without recursing into it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(checkShape(deep)).toMatchObject({ code: 'invalid' });
    expect(checkShape({ type: 'speaker.next' })).toBeNull();
    expect(parseCommand({ type: 'speaker.next', start: 'yes' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid',
        message: 'speaker.next is not valid: start: must be true or false.',
      },
    });
  });
});

describe('the handshake decides the role', () => {
  const secrets = {
    moderatorToken: 'the-moderator-token',
    floorOfficerToken: 'the-floor-officer-token',
    secretariatToken: 'the-secretariat-token',
    stageKey: 'the-stage-key',
  };
  it.each([
    [{ session: 's' }, 'viewer'],
    [{ session: 's', deviceKey: 'abcdefghijklmnop' }, 'delegate'],
    [{ session: 's', stageKey: 'the-stage-key' }, 'stage'],
    [{ session: 's', token: 'the-moderator-token' }, 'moderator'],
    [{ session: 's', token: 'the-moderator-token', role: 'stage' }, 'stage'],
    [{ session: 's', role: 'viewer', stageKey: 'the-stage-key' }, 'viewer'],
  ])('%j → %s', (auth, role) => {
    const result = admit(auth, secrets);
    expect(result.ok && result.admission.actor.role).toBe(role);
  });

  it('never takes a role from what the client claims', () => {
    expect(admit({ session: 's', role: 'moderator' }, secrets)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(admit({ session: 's', role: 'boss' }, secrets)).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(admit(null, secrets)).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('links', () => {
  const secrets = {
    moderatorToken: 'tok/en',
    floorOfficerToken: 'officer',
    secretariatToken: 'secretariat',
    stageKey: 'key',
  };
  it('uses the public URL, else the LAN address on 0.0.0.0, else the host', () => {
    expect(linkBase({ publicUrl: 'https://gavel.example.org/', host: '0.0.0.0', port: 8080 })).toBe(
      'https://gavel.example.org',
    );
    expect(linkBase({ host: '0.0.0.0', port: 8080, lan: '192.168.1.20' })).toBe(
      'http://192.168.1.20:8080',
    );
    expect(linkBase({ host: '127.0.0.1', port: 8080 })).toBe('http://127.0.0.1:8080');
    expect(sessionLinks('http://h', 'asp15-cooperation', secrets)).toEqual({
      console: 'http://h/console/asp15-cooperation?token=tok%2Fen',
      stage: 'http://h/stage/asp15-cooperation?key=key',
      live: 'http://h/live/asp15-cooperation',
      overlay: 'http://h/overlay/asp15-cooperation',
      report: 'http://h/report/asp15-cooperation',
    });
  });
});
