/**
 * A ref for the link that replaces a button the user just pressed, so keyboard focus lands on it
 * instead of being lost. One function for the whole app, so React calls it only when the element
 * appears, not on every render.
 */
export function focusWhenShown(element: HTMLElement | null): void {
  element?.focus();
}
