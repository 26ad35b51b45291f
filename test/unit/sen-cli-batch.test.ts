import { describe, expect, it, vi } from 'vitest';
import { runCli, type CliIo } from '../../electron/cli/sen-cli';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * A batch goes on past a file that makes verification throw: that file is reported as rejected,
 * the others are still checked, and the exit status says something was wrong. The verifier is
 * wrapped so that a file beginning "%BOOM" makes it throw, whatever the verifier's own defences.
 */
vi.mock('../../shared/submission/submission-verifier', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../shared/submission/submission-verifier')>();
  return {
    ...actual,
    verifySubmission: async (...args: Parameters<typeof actual.verifySubmission>) => {
      if (new TextDecoder().decode(args[0].subarray(0, 5)) === '%BOOM') throw new RangeError('Maximum call stack size exceeded');
      return actual.verifySubmission(...args);
    },
  };
});

function memoryIo(files: Map<string, Uint8Array<ArrayBuffer>>) {
  const out: string[] = [];
  const io: CliIo = {
    readFile: async (path) => {
      const bytes = files.get(path);
      if (!bytes) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return bytes;
    },
    writeFile: async () => {},
    out: (line) => out.push(line),
    err: (line) => out.push(`stderr: ${line}`),
    now: () => new Date('2026-11-20T09:00:00Z'),
  };
  return { io, out };
}

describe('a verify batch with a file that makes the checks throw', () => {
  it('reports that file, checks every other file, and exits 1', async () => {
    const demo = await demonstrationData();
    const signing = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
    const good = (await exportDemonstration(demo, signing)).bytes;
    const files = new Map<string, Uint8Array<ArrayBuffer>>([
      ['first.pdf', good],
      ['boom.pdf', new TextEncoder().encode('%BOOM-1.7\n')],
      ['not-a-pdf.txt', new TextEncoder().encode('hello')],
      ['last.pdf', good],
    ]);
    const { io, out } = memoryIo(files);

    expect(await runCli(['verify', 'first.pdf', 'boom.pdf', 'not-a-pdf.txt', 'last.pdf'], io)).toBe(1);
    expect(out[0]).toMatch(/^INTACT +first\.pdf: signature intact/);
    expect(out).toContain(
      'REJECTED  boom.pdf: the file could not be checked because of an unexpected error (Maximum call stack size exceeded). ' +
        'The other files are still checked. [unexpected-error]',
    );
    expect(out.find((line) => line.includes('not-a-pdf.txt'))).toMatch(/^REJECTED +not-a-pdf\.txt: This file is not a PDF\./);
    expect(out.find((line) => line.includes('last.pdf'))).toMatch(/^INTACT +last\.pdf: signature intact/);
    expect(out.at(-1)).toBe('2 intact (signer not yet trusted), 2 rejected.');
  }, 60_000);
});
