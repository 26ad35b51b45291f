import { verifySubmissionFileAt } from '../../electron/submission-file-verification';
import { spawn } from 'node:child_process';
import { nodeSha256Digests } from '../../electron/node-sha256-digests';
import { verifySubmission } from '../../shared/submission/submission-verifier';

/**
 * What a moderator could use instead of the app, timed by the bench on the same exported file:
 * poppler's `pdfsig` (checks the one signature: a digest of the signed ranges and the CMS), and
 * `openssl dgst -sha256` (one native SHA-256 pass over the file, the least any check can do). And
 * the app's own `verifySubmission`, called directly in Node, outside any worker.
 */
export interface ToolRun {
  ms: number;
  stdout: string;
}

/** Runs a command to its end; the wall time from start to exit. Fails when it exits with an error. */
export function timeCommand(command: string, args: readonly string[]): Promise<ToolRun> {
  return new Promise<ToolRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`${command} could not be run: ${error.message}`)));
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${Buffer.concat(err).toString('utf8').trim()}`));
      else resolve({ ms, stdout: Buffer.concat(out).toString('utf8') });
    });
  });
}

/** pdfsig on the file; fails unless it found the signature valid and covering the whole document. */
export async function timePdfsig(path: string): Promise<number> {
  const run = await timeCommand('pdfsig', [path]);
  if (!/Signature Validation: Signature is Valid\./.test(run.stdout) || !/Total document signed/.test(run.stdout)) {
    throw new Error(`pdfsig did not find one valid signature over the whole file:\n${run.stdout}`);
  }
  return run.ms;
}

/** openssl dgst -sha256 on the file: the time, and the hex digest it printed. */
export async function timeOpensslSha256(path: string): Promise<{ ms: number; sha256: string }> {
  const run = await timeCommand('openssl', ['dgst', '-sha256', '-r', path]);
  const sha256 = /^([0-9a-f]{64})\b/.exec(run.stdout)?.[1];
  if (!sha256) throw new Error(`openssl printed no SHA-256: ${run.stdout}`);
  return { ms: run.ms, sha256 };
}

/** verifySubmission in this process, on bytes already in memory (shared memory: its evidence hashed on a second thread); fails unless the submission is accepted. */
export async function timeNodeVerify(
  bytes: Uint8Array<ArrayBuffer> | Uint8Array<SharedArrayBuffer>,
): Promise<{ ms: number; sha256: string }> {
  const started = performance.now();
  const verified = await verifySubmission(bytes, { digests: nodeSha256Digests });
  const ms = performance.now() - started;
  if (!verified.ok)
    throw new Error(`verifySubmission in Node refused the submission: ${verified.rejection.code}: ${verified.rejection.message}`);
  return { ms, sha256: verified.report.fileSha256 };
}

/**
 * The desktop's check of a submission the moderator picked (electron/submission-file-verification.ts,
 * as the main process runs it): from the path, reading the file into shared memory, verifying and
 * judging the signer. Fails unless the submission is accepted.
 */
export async function timeDesktopVerify(path: string): Promise<{ ms: number; sha256: string }> {
  const started = performance.now();
  const verdict = await verifySubmissionFileAt(path, undefined);
  const ms = performance.now() - started;
  if (verdict.kind !== 'submission') throw new Error(`the desktop's check refused the file: ${verdict.message}`);
  if (!verdict.verification.ok)
    throw new Error(
      `the desktop's check rejected the submission: ${verdict.verification.rejection.code}: ${verdict.verification.rejection.message}`,
    );
  return { ms, sha256: verdict.fileSha256 };
}
