import type { Page } from 'playwright-core';

/** What the keyboard focus is on: its accessible name (roughly as a screen reader says it), role and whether its focus is visible. */
export interface FocusInfo {
  name: string;
  tag: string;
  type: string;
  /** A visible outline or focus ring is drawn around it. */
  indicator: boolean;
  /** The computed outline and box shadow, to explain a missing indicator. */
  style: string;
}

export async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(async () => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: '', tag: 'body', type: '', indicator: false, style: '' };
    // Read the focus style once any transition into it has finished.
    await Promise.all(el.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
    const byIds = (ids: string | null) =>
      (ids ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const labelled = el.getAttribute('aria-labelledby');
    const labels = (el as HTMLInputElement).labels;
    const name = (
      el.getAttribute('aria-label') ??
      (labelled ? byIds(labelled) : null) ??
      (labels && labels.length > 0 ? [...labels].map((l) => l.textContent ?? '').join(' ') : null) ??
      el.textContent ??
      ''
    )
      .replace(/\s+/g, ' ')
      .trim();
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
    return {
      name,
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') ?? '',
      indicator: outline || ring,
      style: `outline ${style.outlineStyle} ${style.outlineWidth}; box-shadow ${style.boxShadow}`,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focus is on something whose name matches, as a keyboard
 * user does. Fails if it is not reached within `limit` presses, which also catches a keyboard trap.
 * Every stop on the way must show a visible focus indicator.
 */
export async function tabTo(page: Page, name: string | RegExp, options: { backwards?: boolean; limit?: number } = {}): Promise<FocusInfo> {
  const seen: string[] = [];
  for (let i = 0; i < (options.limit ?? 80); i += 1) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const focus = await focusInfo(page);
    if (focus.tag !== 'body' && !focus.indicator && process.env.FOCUS_DEBUG) await page.screenshot({ path: process.env.FOCUS_DEBUG });
    if (focus.tag !== 'body' && !focus.indicator)
      throw new Error(`No visible focus indicator on “${focus.name}” (${focus.tag}): ${focus.style}`);
    seen.push(focus.name);
    if (typeof name === 'string' ? focus.name === name : name.test(focus.name)) return focus;
  }
  throw new Error(`Tab never reached “${String(name)}”. Stops on the way: ${seen.slice(-25).join(' | ')}`);
}

/** Types into the focused control after selecting what is there. */
export async function replaceText(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/**
 * Within a radio group that has the focus, presses the arrow key until the focused radio's name
 * matches, as a keyboard user does; in a radio group the arrow also chooses it. Fails if it is not
 * reached before coming round again.
 */
export async function arrowTo(page: Page, name: string | RegExp, limit = 8): Promise<FocusInfo> {
  const seen: string[] = [];
  let focus = await focusInfo(page);
  for (let i = 0; i <= limit; i += 1) {
    if (focus.tag !== 'input' || focus.type !== 'radio')
      throw new Error(`The focus is not on a radio button but on “${focus.name}” (${focus.tag})`);
    if (!focus.indicator) throw new Error(`No visible focus indicator on “${focus.name}”: ${focus.style}`);
    seen.push(focus.name);
    if (typeof name === 'string' ? focus.name === name : name.test(focus.name)) return focus;
    await page.keyboard.press('ArrowDown');
    focus = await focusInfo(page);
  }
  throw new Error(`The arrow keys never reached “${String(name)}”. Radios on the way: ${seen.join(' | ')}`);
}
