/**
 * The one way counts are written for people: 1650 -> "1,650". Whole numbers are grouped here,
 * as Intl's en-GB writes them (checked against it in test/unit/en-gb-counts.test.ts): the first
 * Intl number formatter a page builds loads the browser's locale data, a cost the screens that show
 * a count would otherwise pay as they open. Intl writes anything else (a fraction, a number too
 * large to hold exactly).
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-GB');
  const digits = String(Math.abs(n));
  let grouped = '';
  for (let end = digits.length; end > 0; end -= 3)
    grouped = `${digits.slice(Math.max(0, end - 3), end)}${grouped === '' ? '' : ','}${grouped}`;
  return n < 0 ? `-${grouped}` : grouped;
}
