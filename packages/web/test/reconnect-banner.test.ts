import { describe, expect, it } from 'vitest';
import { HIDDEN, bannerText, nextBanner, type BannerInput, type BannerState } from '../src/app/reconnect-banner.js';

const run = (...inputs: BannerInput[]): BannerState => inputs.reduce(nextBanner, HIDDEN);

describe('the connection banner', () => {
  it('says reconnecting on a drop, counting the attempts', () => {
    expect(bannerText(run({ type: 'disconnected' }))).toBe('Reconnecting…');
    expect(bannerText(run({ type: 'disconnected' }, { type: 'disconnected' }))).toBe('Reconnecting… (attempt 2)');
  });

  it('says nothing was missed when the stream resumed from its last seq', () => {
    expect(bannerText(run({ type: 'disconnected' }, { type: 'reconnected' }))).toBe('Reconnected, nothing missed');
  });

  it('says resynchronised when the server could not replay a topic after the reconnect', () => {
    const state = run(
      { type: 'disconnected' },
      { type: 'reconnected' },
      { type: 'resync', topic: 'queue' },
      {
        type: 'resync',
        topic: 'user-status',
      },
    );
    expect(bannerText(state)).toBe('Reconnected and resynchronised (queue, user-status)');
  });

  it('shows nothing before any drop, and hides the good news when dismissed but not a drop in progress', () => {
    expect(bannerText(run({ type: 'reconnected' }))).toBeUndefined();
    expect(bannerText(run({ type: 'resync', topic: 'queue' }))).toBeUndefined();
    expect(run({ type: 'disconnected' }, { type: 'reconnected' }, { type: 'dismiss' })).toEqual(HIDDEN);
    expect(run({ type: 'disconnected' }, { type: 'dismiss' }).kind).toBe('reconnecting');
  });

  it('keeps a session end on screen whatever comes after', () => {
    const ended = run(
      { type: 'disconnected' },
      { type: 'session-ended', reason: 'station-taken' },
      { type: 'reconnected' },
    );
    expect(bannerText(ended)).toContain('station-taken');
  });
});
