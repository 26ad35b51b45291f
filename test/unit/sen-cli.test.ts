import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../electron/cli/sen-cli';
import { exportModerationReport } from '../../shared/moderation/moderation-report';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { moderatorIdentity, sampleModeration } from '../fixtures/moderation-report';

/** An in-memory file system and terminal for the command line. */
function memoryIo(files: Map<string, Uint8Array<ArrayBuffer>> = new Map()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: async (path) => {
      const bytes = files.get(path);
      if (!bytes) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return bytes;
    },
    writeFile: async (path, bytes) => {
      files.set(path, new Uint8Array(bytes));
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    now: () => new Date('2026-11-20T09:00:00Z'),
  };
  return { io, files, out, err };
}

describe('npm run cli', () => {
  it('writes a sample submission that verify then accepts', async () => {
    const { io, files, out } = memoryIo();
    expect(await runCli(['sample-submission', 'demo.pdf', '--region', 'south-central'], io)).toBe(0);
    expect(files.get('demo.pdf')?.length).toBeGreaterThan(10_000);
    expect(out.join('\n')).toMatch(/999001-southern-2026-2026-11-20-v1\.pdf/);

    out.length = 0;
    expect(await runCli(['verify', 'demo.pdf'], io)).toBe(0);
    expect(out[0]).toMatch(/^VALID +demo\.pdf: submission v1 from Brookfield Demonstration Primary School \(URN 999001\)/);
    expect(out.at(-1)).toBe('1 valid, 0 rejected.');
  }, 60_000);

  it('names each rejected file with its reason and exits 1', async () => {
    const { io, files, out } = memoryIo();
    await runCli(['sample-submission', 'good.pdf'], io);
    const good = files.get('good.pdf');
    if (!good) throw new Error('not written');
    const tampered = good.slice();
    tampered[500] = (tampered[500] ?? 0) ^ 1;
    files.set('tampered.pdf', tampered);
    files.set('notes.txt', new TextEncoder().encode('hello'));
    out.length = 0;

    expect(await runCli(['verify', 'good.pdf', 'tampered.pdf', 'notes.txt', 'absent.pdf'], io)).toBe(1);
    expect(out[0]).toMatch(/^VALID +good\.pdf/);
    expect(out.find((l) => l.includes('tampered.pdf'))).toMatch(/^REJECTED +tampered\.pdf: The file has been changed since it was signed/);
    expect(out.find((l) => l.includes('notes.txt'))).toMatch(/^REJECTED +notes\.txt: This file is not a PDF\./);
    expect(out.find((l) => l.includes('absent.pdf'))).toMatch(/^REJECTED +absent\.pdf: the file cannot be read \(no such file\)/);
    expect(out.at(-1)).toBe('1 valid, 3 rejected.');
  }, 60_000);

  it('verifies a moderation report too, and names a tampered one as rejected', async () => {
    const { io, files, out } = memoryIo();
    await runCli(['sample-submission', 'submission.pdf'], io);
    const submission = files.get('submission.pdf');
    if (!submission) throw new Error('not written');
    const verified = await verifySubmission(submission.slice());
    if (!verified.ok) throw new Error(verified.rejection.message);
    const report = await exportModerationReport(sampleModeration(verified.report, submission.length), await moderatorIdentity());
    files.set('report.pdf', report.bytes);
    const tampered = report.bytes.slice();
    tampered[600] = (tampered[600] ?? 0) ^ 1;
    files.set('tampered-report.pdf', tampered);
    out.length = 0;

    expect(await runCli(['verify', 'submission.pdf', 'report.pdf'], io)).toBe(0);
    const outcome =
      report.document.outcome.kind === 'accredited' ? `Accredited at ${report.document.outcome.levelLabel}` : 'Not yet accredited';
    expect(out).toContain(
      `VALID     report.pdf: moderation report for Brookfield Demonstration Primary School (URN 999001) submission v1, ` +
        `outcome ${outcome}, moderator Jordan Hale (North East SEN Partnership)`,
    );
    expect(out.join('\n')).toMatch(/1 agreed, 1 moderated, 1 more evidence needed/);
    expect(out.at(-1)).toBe('2 valid, 0 rejected.');

    out.length = 0;
    expect(await runCli(['verify', 'tampered-report.pdf'], io)).toBe(1);
    expect(out[0]).toMatch(/^REJECTED +tampered-report\.pdf: The file has been changed since it was signed/);
  }, 60_000);

  it('explains its usage and exits 2 when the command is wrong', async () => {
    const { io, err } = memoryIo();
    expect(await runCli(['verify'], io)).toBe(2);
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(await runCli(['sample-submission', 'x.pdf', '--region', 'atlantis'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/Unknown command “frobnicate”/);
    expect(err.join('\n')).toMatch(/There is no region “atlantis”/);
  });

  it('runs as `npm run cli` from a shell, with the exit status a script can test', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sen-cli-'));
    const notPdf = join(dir, 'not.pdf');
    writeFileSync(notPdf, 'plain text');
    const failure = await promisify(execFile)('npm', ['run', '--silent', 'cli', '--', 'verify', notPdf], { cwd: process.cwd() }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('This file is not a PDF.');
  }, 60_000);
});
