import { describe, expect, it } from 'vitest';
import { chromiumArguments, chromiumSwitches, DISABLED_CHROMIUM_FEATURES } from '../../electron/chromium-features';
import { CHROMIUM_ARGS } from '../e2e/support/browser';

describe('the Chromium features the app turns off', () => {
  it('turns the navigation predictor off (it watches every link to warm connections the app never makes)', () => {
    expect(DISABLED_CHROMIUM_FEATURES).toContain('NavigationPredictor');
  });

  it('names them all in one disable-features switch, as Chromium reads only one', () => {
    expect(chromiumSwitches(['NavigationPredictor', 'Other'])).toEqual([{ name: 'disable-features', value: 'NavigationPredictor,Other' }]);
    expect(chromiumArguments(['NavigationPredictor', 'Other'])).toEqual(['--disable-features=NavigationPredictor,Other']);
    expect(chromiumSwitches([])).toEqual([]);
  });

  it('refuses a name that would change the switch itself', () => {
    expect(() => chromiumSwitches(['NavigationPredictor,AutofillServerCommunication'])).toThrow(/Not a Chromium feature name/);
    expect(() => chromiumSwitches(['A --remote-debugging-port=9222'])).toThrow(/Not a Chromium feature name/);
    expect(() => chromiumSwitches([''])).toThrow(/Not a Chromium feature name/);
  });

  it('starts the browsers of the end-to-end tests and the bench with the same switches as the desktop app', () => {
    for (const argument of chromiumArguments()) expect(CHROMIUM_ARGS).toContain(argument);
    expect(CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='))).toHaveLength(1);
  });
});
