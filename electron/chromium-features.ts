/**
 * Chromium features the app turns off, for its windows and for every browser its tests and bench
 * start (test/e2e/support/browser.ts), so what is measured is what the desktop app runs.
 *
 * - NavigationPredictor: Chromium watches every link on a page (an intersection observer over the
 *   anchors) to guess which one will be followed next and warm a connection to it. The app makes no
 *   network requests, so the guess serves nothing; and on a page with many links (the criteria side
 *   list, the overview, the evidence library) it asks for an extra frame after each change of the
 *   page. While that frame's refresh cycle runs, a keystroke waits for the next refresh before it
 *   is drawn (test/bench/PERFORMANCE.md has the measurements).
 */
export const DISABLED_CHROMIUM_FEATURES: readonly string[] = ['NavigationPredictor'];

/** One command-line switch as Electron's app.commandLine.appendSwitch takes it. */
export interface ChromiumSwitch {
  name: string;
  value: string;
}

/** The switches that turn those features off: one `disable-features` switch naming them all. */
export function chromiumSwitches(features: readonly string[] = DISABLED_CHROMIUM_FEATURES): ChromiumSwitch[] {
  for (const feature of features) {
    if (!/^[A-Za-z0-9]+$/.test(feature)) throw new Error(`Not a Chromium feature name: "${feature}"`);
  }
  return features.length === 0 ? [] : [{ name: 'disable-features', value: features.join(',') }];
}

/** The same switches as a browser's command-line arguments (for a browser started by tests). */
export function chromiumArguments(features: readonly string[] = DISABLED_CHROMIUM_FEATURES): string[] {
  return chromiumSwitches(features).map(({ name, value }) => `--${name}=${value}`);
}
