import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (present) return;
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Not page.addScriptTag({ content }): the app's Content-Security-Policy (script-src 'self')
  // rightly refuses inline scripts, and the tests keep that policy on. Evaluating through the
  // DevTools protocol is not subject to it and leaves the page's own security as shipped.
  await page.evaluate(axeSource);
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) throw new Error('axe-core did not load into the page');
}

/**
 * The axe rules whose result depends on the page's colours alone. A background tint changes
 * colours and nothing else, so a page already checked against every rule in a theme needs only
 * these again under each tint of that theme.
 */
export const AXE_COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Runs axe-core on the page as it is now, against WCAG 2.0–2.2 A and AA; with `rules`, only
 * those rules.
 */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<Result[]> {
  await injectAxe(page);
  const results = await page.evaluate(
    async ({ tags, only }: { tags: string[]; only: string[] | null }) => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
      const runOnly = only ? { type: 'rule', values: only } : { type: 'tag', values: tags };
      return axe.run(document, { runOnly, resultTypes: ['violations'] });
    },
    { tags: AXE_TAGS, only: rules ? [...rules] : null },
  );
  return results.violations;
}

export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes
        .slice(0, 3)
        .map((n) => n.target.map(String).join(' > '))
        .join(' | ');
      const more = v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : '';
      return `- ${v.id} [${v.impact ?? 'unknown'}]: ${v.help}\n    at ${targets}${more}`;
    })
    .join('\n');
}

/** Throws with a readable list (rule id, impact, help, first three targets) when axe finds anything. */
export async function expectNoAxeViolations(page: Page, screenName: string, rules?: readonly string[]): Promise<void> {
  const violations = await axeViolations(page, rules);
  if (violations.length > 0) {
    throw new Error(`Accessibility violations on the ${screenName} screen (${page.url()}):\n${describeViolations(violations)}`);
  }
}
