import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineWriter } from '../../electron/cli/closed-output';
import { exportedDemonstration } from '../fixtures/signed-submission';

/** A stand-in for standard output: what was written, and a way to fail it as a closed pipe or a full disk would. */
function fakeStream() {
  const emitter = new EventEmitter();
  const written: string[] = [];
  return {
    written,
    write: (chunk: string) => written.push(chunk) > 0,
    on: (event: 'error', listener: (error: Error & { code?: string }) => void) => emitter.on(event, listener),
    fail: (code: string) => emitter.emit('error', Object.assign(new Error(`write ${code}`), { code })),
  };
}

describe('the command line’s output when its reader goes away', () => {
  it('writes each line until the pipe is closed, then drops the rest without failing', () => {
    const stream = fakeStream();
    const failures: Error[] = [];
    const out = lineWriter(stream, (error) => failures.push(error));
    out.line('first');
    stream.fail('EPIPE');
    out.line('second');
    expect(stream.written).toEqual(['first\n']);
    expect(out.closed).toBe(true);
    expect(failures).toEqual([]);
  });

  it('passes on any other failure of the output', () => {
    const stream = fakeStream();
    const failures: Error[] = [];
    const out = lineWriter(stream, (error) => failures.push(error));
    stream.fail('ENOSPC');
    expect(failures.map((f) => f.message)).toEqual(['write ENOSPC']);
    expect(out.closed).toBe(false);
  });

  it('`verify` piped into a reader that stops after one line: no stack trace, and the exit status still counts every file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sen-cli-pipe-'));
    const good = join(dir, 'good.pdf');
    writeFileSync(good, (await exportedDemonstration()).bytes);
    const files = Array.from({ length: 6 }, (_, i) => join(dir, `copy-${i}.pdf`));
    for (const file of files) copyFileSync(good, file);
    // The last file is damaged: the exit status must still say so, though its line is never read.
    const damaged = readFileSync(good);
    damaged[5000] = damaged[5000] === 0x41 ? 0x42 : 0x41;
    writeFileSync(files[5]!, damaged);

    const run = (paths: string[]) =>
      new Promise<{ code: number | null; firstLine: string; stderr: string }>((resolve) => {
        const child = spawn('npm', ['run', '--silent', 'cli', '--', 'verify', ...paths], { cwd: process.cwd() });
        let stderr = '';
        let firstLine = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.once('data', (chunk: Buffer) => {
          firstLine = chunk.toString().split('\n')[0] ?? '';
          child.stdout.destroy(); // as `head -1` does
        });
        child.on('close', (code) => resolve({ code, firstLine, stderr }));
      });

    const withDamaged = await run(files);
    expect(withDamaged.firstLine).toMatch(/^INTACT /);
    expect(withDamaged.stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(withDamaged.code).toBe(1);
    const allGood = await run(files.slice(0, 5));
    expect(allGood.stderr).toBe('');
    expect(allGood.code).toBe(0);
  }, 90_000);
});
