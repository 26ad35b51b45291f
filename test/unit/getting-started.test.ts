import { describe, expect, it } from 'vitest';
import {
  GUIDE_PREFERENCE_KEY,
  parseGuidePreference,
  ROUND_STAGES,
  SENCO_STEPS,
  showGettingStarted,
} from '../../shared/help/getting-started';
import { loadGuidePreference, saveGuidePreference } from '../../renderer/help/guide-preference';

describe('when the home screen shows the getting-started guide', () => {
  it('shows it on first run: no school and no moderator workspace, nothing chosen', () => {
    expect(showGettingStarted(0, 0, 'unset')).toBe(true);
  });

  it('does not show it once a school or a moderator workspace exists', () => {
    expect(showGettingStarted(1, 0, 'unset')).toBe(false);
    expect(showGettingStarted(0, 2, 'unset')).toBe(false);
  });

  it('does not show it while the workspaces are still loading', () => {
    expect(showGettingStarted(undefined, 0, 'unset')).toBe(false);
    expect(showGettingStarted(0, undefined, 'unset')).toBe(false);
  });

  it('hides it once dismissed, even on a fresh install', () => {
    expect(showGettingStarted(0, 0, 'dismissed')).toBe(false);
  });

  it('shows it when asked for again from Help, whatever the workspaces', () => {
    expect(showGettingStarted(3, 1, 'requested')).toBe(true);
    expect(showGettingStarted(undefined, undefined, 'requested')).toBe(true);
  });
});

describe('the stored guide preference', () => {
  it('reads the two known choices and treats anything else as not chosen', () => {
    expect(parseGuidePreference('dismissed')).toBe('dismissed');
    expect(parseGuidePreference('requested')).toBe('requested');
    expect(parseGuidePreference(null)).toBe('unset');
    expect(parseGuidePreference('DISMISSED')).toBe('unset');
    expect(parseGuidePreference('{"hidden":true}')).toBe('unset');
  });

  it('round-trips through storage under its own key', () => {
    const stored = new Map<string, string>();
    const storage = {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    };
    expect(saveGuidePreference('dismissed', storage)).toBe(true);
    expect(stored.get(GUIDE_PREFERENCE_KEY)).toBe('dismissed');
    expect(loadGuidePreference(storage)).toBe('dismissed');
  });

  it('refuses quietly when storage fails: nothing chosen on read, false on write', () => {
    const failing = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: (): void => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadGuidePreference(failing)).toBe('unset');
    expect(saveGuidePreference('dismissed', failing)).toBe(false);
    expect(saveGuidePreference('dismissed', null)).toBe(false);
  });
});

describe('the guide’s words', () => {
  it('takes a SENCO from setting up the school to importing the moderator’s report, in order', () => {
    expect(SENCO_STEPS.map((s) => s.title)).toEqual([
      'Set up your school and its profile',
      'Start an evaluation on your region’s 2026 edition',
      'Judge each criterion',
      'Plan actions',
      'Get the head teacher’s approval',
      'Export the signed PDF',
      'Send it to your moderator',
      'Import the report that comes back',
    ]);
  });

  it('draws the whole round, the moderator’s review with its desk review and visit', () => {
    expect(ROUND_STAGES.map((s) => s.label)).toEqual([
      'Evaluate',
      'Evidence',
      'Approve',
      'Export',
      'Send',
      'Moderator reviews',
      'Signed report back',
      'Actions',
    ]);
    const review = ROUND_STAGES.find((s) => s.label === 'Moderator reviews');
    expect(review?.actor).toBe('moderator');
    expect(review?.description).toMatch(/at their desk, then on a visit/);
  });
});
