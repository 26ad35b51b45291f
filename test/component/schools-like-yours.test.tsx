import { fireEvent, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import type { VerifyJobRequest, VerifyRunner } from '../../renderer/export/verify-jobs';
import { SchoolsLikeYoursPanel } from '../../renderer/school/evaluation/SchoolsLikeYoursPanel';
import { benchmarkFigures } from '../../shared/partnership/benchmark';
import { buildBenchmarkDocument } from '../../shared/partnership/benchmark-file';
import { lookup, s, submission } from '../unit/regional-overview-fixtures';
import { renderWithServices } from './render-app';

/** The dashboard's "Schools like yours": import (checked by the verify worker, faked here), a second import a no-op, the table, axe. */
const school = (urn: string, name: string) => ({ urn, name, la: 'Devon', phase: 'primary', year: '2026 to 2027' });
const index = [
  submission('sT', school('123456', 'Riverside Primary School'), 1, [s('c1', 'good'), s('c2', 'outstanding')]),
  ...[1, 2, 3, 4, 5].map((i) =>
    submission(`s${i}`, school(`20000${i}`, `P${i}`), 1, [s('c1', i > 2 ? 'good' : 'outstanding'), s('c2', 'good')]),
  ),
];
const figures = benchmarkFigures(index, '123456', lookup, 'South West');
if (!figures.ok) throw new Error(figures.message);
const document = buildBenchmarkDocument({
  benchmarkId: 'bm-1',
  createdAt: '2027-03-01T10:00:00.000Z',
  partnership: { name: 'South West SEN Regional Partnership', region: 'South West', rootFingerprint: 'ab'.repeat(32) },
  figures: figures.figures,
  certificateFingerprint: 'cd'.repeat(32),
});

function fakeVerifier(requests: VerifyJobRequest[], urnOk = true): VerifyRunner {
  return {
    verify: async (request) => {
      requests.push(request);
      if (!urnOk)
        return { kind: 'benchmark', verification: { ok: false, code: 'wrong-school', message: 'This benchmark is for another school.' } };
      return {
        kind: 'benchmark',
        verification: {
          ok: true,
          benchmark: {
            document,
            fileSha256: 'ef'.repeat(32),
            signedBy: 'Signed by the South West SEN Regional Partnership.',
            pinned: false,
            rootFingerprint: 'ab'.repeat(32),
          },
        },
      };
    },
  };
}

const pdf = () => new File([new Uint8Array([37, 80, 68, 70])], 'benchmark.pdf', { type: 'application/pdf' });

describe('Schools like yours on the dashboard', () => {
  it('imports a benchmark for this school, shows it as a table, and a second import of the same file adds nothing', async () => {
    const requests: VerifyJobRequest[] = [];
    const { container } = await renderWithServices(
      <main>
        <SchoolsLikeYoursPanel school={{ id: 'school-1', urn: '123456' }} />
      </main>,
      { verifyJobs: fakeVerifier(requests) },
    );
    const input = await screen.findByLabelText('Import a benchmark from your partnership (PDF)', {}, { timeout: 10_000 });
    fireEvent.change(input, { target: { files: [pdf()] } });
    expect(await screen.findByText(/Imported the benchmark made on 2027-03-01/)).toBeTruthy();
    expect(requests[0]).toMatchObject({ kind: 'benchmark', urn: '123456', pinnedRootFingerprint: null });
    const leadership = await screen.findByRole('table', { name: /Leadership/ });
    const good = within(leadership).getByRole('row', { name: /Good/ });
    // Riverside: 1 of 2 good; the five others: 50 50 100 100 100 -> quartiles 50 and 100, median 100.
    expect(
      within(good)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['50%', '100% (50% to 100%)']);
    expect(screen.getByTestId('schools-like-yours').textContent).toContain('From South West SEN Regional Partnership, made on');

    fireEvent.change(input, { target: { files: [pdf()] } });
    expect(await screen.findByText(/was imported before: nothing was added/)).toBeTruthy();

    const results = await axe.run(container);
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('a refused file is said in words and nothing is shown', async () => {
    await renderWithServices(
      <main>
        <SchoolsLikeYoursPanel school={{ id: 'school-2', urn: '123456' }} />
      </main>,
      { verifyJobs: fakeVerifier([], false) },
    );
    fireEvent.change(await screen.findByLabelText('Import a benchmark from your partnership (PDF)', {}, { timeout: 10_000 }), {
      target: { files: [pdf()] },
    });
    expect((await screen.findByRole('alert')).textContent).toBe('benchmark.pdf was not imported. This benchmark is for another school.');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
