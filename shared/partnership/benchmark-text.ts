import { safeFileName } from '../formats/safe-file-name';
import type { BenchmarkDocument, BenchmarkSpread } from './benchmark-document.generated';
import { ANONYMITY_THRESHOLD } from './benchmark';

/**
 * A benchmark's file name and how its figures are written, with nothing of the signing, checking
 * or PDF code in benchmark-file.ts: the dashboard and the Regional overview show these before any
 * file is made or read.
 */

export function benchmarkFileName(document: Pick<BenchmarkDocument, 'school' | 'createdAt'>): string {
  return safeFileName(`${document.school.name} benchmark ${document.createdAt.slice(0, 10)}.pdf`);
}

/** "42.5%", or "—" when there is no figure. */
export function percentText(value: number | null): string {
  return value === null ? '—' : `${value}%`;
}

/** "30% (20% to 45%)", or why there is no figure: fewer schools to take it over than the threshold. */
export function spreadText(value: BenchmarkSpread | null): string {
  return value === null
    ? `not shown: fewer than ${ANONYMITY_THRESHOLD} schools to compare`
    : `${value.median}% (${value.lowerQuartile}% to ${value.upperQuartile}%)`;
}
