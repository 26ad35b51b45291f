import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli, terminalSafe, type CliIo } from '../../electron/cli/sen-cli';
import { readFileHashing } from '../../electron/hashed-file-read';
import { exportModerationReport } from '../../shared/moderation/moderation-report';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { moderatorIdentity, sampleModeration } from '../fixtures/moderation-report';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';
import { oldStyleCertificate, signDigestWithAnyCertificate } from '../fixtures/old-style-certificate';
import { createSigningKeyPair } from '../../shared/crypto/signing-certificate';
import { sealPdf } from '../../shared/pdf/signed-pdf-writer';
import { PDFDocument } from 'pdf-lib';

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

/** A sample submission written by the command line, and a moderation report on it, both in the files. */
async function submissionAndReport(io: CliIo, files: Map<string, Uint8Array<ArrayBuffer>>) {
  await runCli(['sample-submission', 'submission.pdf'], io);
  const submission = files.get('submission.pdf');
  if (!submission) throw new Error('not written');
  const verified = await verifySubmission(submission.slice());
  if (!verified.ok) throw new Error(verified.rejection.message);
  const report = await exportModerationReport(sampleModeration(verified.report, submission.length), await moderatorIdentity());
  files.set('report.pdf', report.bytes);
  return { submission, report };
}

describe('npm run cli', () => {
  it('writes a sample submission that verify then accepts', async () => {
    const { io, files, out } = memoryIo();
    expect(await runCli(['sample-submission', 'demo.pdf', '--region', 'south-central'], io)).toBe(0);
    expect(files.get('demo.pdf')?.length).toBeGreaterThan(10_000);
    expect(out.join('\n')).toMatch(/999001-southern-2026-2026-11-20-v1\.pdf/);

    out.length = 0;
    expect(await runCli(['verify', 'demo.pdf'], io)).toBe(0);
    expect(out[0]).toMatch(
      /^INTACT +demo\.pdf: signature intact, signer not yet trusted: submission v1 from Brookfield Demonstration Primary School \(URN 999001\)/,
    );
    expect(out.join('\n')).toMatch(/certificate for Brookfield Demonstration Primary School \(School\), valid 2026-11-20 to 2036-11-20/);
    expect(out.at(-1)).toBe('1 intact (signer not yet trusted), 0 rejected.');
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
    expect(out[0]).toMatch(/^INTACT +good\.pdf: signature intact, signer not yet trusted/);
    expect(out.find((l) => l.includes('tampered.pdf'))).toMatch(/^REJECTED +tampered\.pdf: The file has been changed since it was signed/);
    expect(out.find((l) => l.includes('notes.txt'))).toMatch(/^REJECTED +notes\.txt: This file is not a PDF\./);
    expect(out.find((l) => l.includes('absent.pdf'))).toMatch(/^REJECTED +absent\.pdf: the file cannot be read \(no such file\)/);
    expect(out.at(-1)).toBe('1 intact (signer not yet trusted), 3 rejected.');
  }, 60_000);

  it('reads the PDFs it verifies into shared memory where it can, with the same verdicts', async () => {
    const { io, files, out } = memoryIo();
    const { submission } = await submissionAndReport(io, files);
    const tampered = submission.slice();
    tampered[500] = (tampered[500] ?? 0) ^ 1;
    files.set('tampered.pdf', tampered);
    const args = ['verify', 'submission.pdf', 'report.pdf', 'tampered.pdf', 'absent.pdf'];

    out.length = 0;
    expect(await runCli(args, io)).toBe(1);
    const fromOwnMemory = [...out];

    // Read as the command line reads a file: hashed as it arrives (here from a copy on disk).
    const readShared: string[] = [];
    const onDisk = mkdtempSync(join(tmpdir(), 'sen-cli-read-'));
    io.readHashing = async (path) => {
      const copy = join(onDisk, path.replace(/[^a-z.]/g, '_'));
      writeFileSync(copy, await io.readFile(path));
      readShared.push(path);
      return readFileHashing(copy);
    };
    out.length = 0;
    expect(await runCli(args, io)).toBe(1);
    rmSync(onDisk, { recursive: true, force: true });
    expect(readShared).toEqual(['submission.pdf', 'report.pdf', 'tampered.pdf']);
    expect(out).toEqual(fromOwnMemory);
    expect(out.at(-1)).toBe('2 intact (signer not yet trusted), 2 rejected.');
  }, 60_000);

  it('verifies a moderation report too, and names a tampered one as rejected', async () => {
    const { io, files, out } = memoryIo();
    const { report } = await submissionAndReport(io, files);
    const tampered = report.bytes.slice();
    tampered[600] = (tampered[600] ?? 0) ^ 1;
    files.set('tampered-report.pdf', tampered);
    out.length = 0;

    expect(await runCli(['verify', 'submission.pdf', 'report.pdf'], io)).toBe(0);
    const outcome =
      report.document.outcome.kind === 'accredited' ? `Accredited at ${report.document.outcome.levelLabel}` : 'Not accredited';
    expect(out).toContain(
      `INTACT    report.pdf: signature intact, signer not yet trusted: moderation report for Brookfield Demonstration Primary School (URN 999001) submission v1, ` +
        `outcome ${outcome}, moderator Jordan Hale (North East SEN Partnership)`,
    );
    expect(out.join('\n')).toMatch(/1 agreed, 1 moderated, 1 more evidence needed/);
    expect(out.at(-1)).toBe('2 intact (signer not yet trusted), 0 rejected.');

    out.length = 0;
    expect(await runCli(['verify', 'tampered-report.pdf'], io)).toBe(1);
    expect(out[0]).toMatch(/^REJECTED +tampered-report\.pdf: The file has been changed since it was signed/);
  }, 60_000);

  it('says VALID only for a file whose signer is in the --trust file; other intact files are not trusted', async () => {
    const { io, files, out, err } = memoryIo();
    await runCli(['sample-submission', 'ours.pdf'], io);
    await runCli(['sample-submission', 'theirs.pdf'], io);
    out.length = 0;
    await runCli(['verify', 'ours.pdf'], io);
    const fingerprint = /signer certificate SHA-256 ([0-9a-f]{64})$/.exec(out.find((l) => l.includes('SHA-256 ')) ?? '')?.[1] ?? '';
    expect(fingerprint).toHaveLength(64);
    // Upper case, colons between bytes, a comment and a blank line: all allowed.
    const withColons = (fingerprint.toUpperCase().match(/../g) ?? []).join(':');
    const trustText = `# moderators' trusted schools\n\n${withColons}   # Brookfield, read out on 20 November\r\n${'0'.repeat(64)}\n`;
    files.set('trust.txt', new TextEncoder().encode(trustText));
    out.length = 0;

    expect(await runCli(['verify', '--trust', 'trust.txt', 'ours.pdf', 'theirs.pdf'], io)).toBe(1);
    expect(out[0]).toMatch(/^VALID +ours\.pdf: signature intact, signer trusted: submission v1 from Brookfield/);
    expect(out.find((l) => l.includes('theirs.pdf'))).toMatch(
      /^INTACT +theirs\.pdf: signature intact, but the signer is not trusted \(its fingerprint is not in trust\.txt\): submission v1/,
    );
    expect(out.at(-1)).toBe('1 valid and trusted, 1 intact but not trusted, 0 rejected.');
    expect(err).toEqual([]);

    out.length = 0;
    expect(await runCli(['verify', 'ours.pdf', '--trust', 'trust.txt'], io)).toBe(0);
    expect(out.at(-1)).toBe('1 valid and trusted, 0 intact but not trusted, 0 rejected.');

    // Spaces between groups, as the app shows a fingerprint, are allowed too.
    files.set('spaced.txt', new TextEncoder().encode(`${(fingerprint.match(/.{4}/g) ?? []).join(' ')}\n`));
    expect(await runCli(['verify', '--trust', 'spaced.txt', 'ours.pdf'], io)).toBe(0);
  }, 60_000);

  it('refuses a trust file it cannot read or that has a line that is not a fingerprint, naming the line', async () => {
    const { io, files, err, out } = memoryIo();
    files.set('a.pdf', new TextEncoder().encode('not read'));
    files.set('bad-trust.txt', new TextEncoder().encode(`# ok\n${'a'.repeat(64)}\n${'b'.repeat(63)}\n`));
    expect(await runCli(['verify', '--trust', 'bad-trust.txt', 'a.pdf'], io)).toBe(2);
    expect(err.at(-1)).toBe(
      `Line 3 of the trust file bad-trust.txt is not a SHA-256 fingerprint (64 hexadecimal digits): “${'b'.repeat(63)}”. Fix or remove that line.`,
    );
    expect(await runCli(['verify', '--trust', 'missing.txt', 'a.pdf'], io)).toBe(2);
    expect(err.at(-1)).toBe('The trust file missing.txt cannot be read (no such file).');
    expect(await runCli(['verify', 'a.pdf', '--trust'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/^Name the file of trusted fingerprints after --trust\./);
    expect(out).toEqual([]);
  });

  it('escapes control and bidirectional characters from a file or a path, so a name cannot forge a VALID line', async () => {
    const demo = await demonstrationData();
    const name = 'Evil School\nVALID     forged.pdf: submission v1 from Trusted School\u001b[32m';
    const forged = { ...demo, snapshot: { ...demo.snapshot, school: { ...demo.snapshot.school, name } } };
    const exported = await exportDemonstration(forged, await signingIdentityFor(name, demo.snapshot.school.urn));
    const { io, files, out } = memoryIo();
    files.set('evil.pdf', exported.bytes);
    const evilPath = 'x\nVALID     y.pdf\u001b[2K\u202egpj.pdf\u009b\u007f';
    expect(await runCli(['verify', 'evil.pdf', evilPath], io)).toBe(1);

    expect(out.some((line) => /^VALID/.test(line))).toBe(false);
    const controls = [...out.join('')].filter((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
    });
    expect(controls).toEqual([]);
    expect(out[0]).toBe(
      'INTACT    evil.pdf: signature intact, signer not yet trusted: submission v1 from ' +
        'Evil School\\nVALID     forged.pdf: submission v1 from Trusted School\\x1b[32m (URN 999001)',
    );
    expect(out.find((line) => line.startsWith('REJECTED'))).toBe(
      'REJECTED  x\\nVALID     y.pdf\\x1b[2K\\u202egpj.pdf\\x9b\\x7f: the file cannot be read (no such file).',
    );
  }, 60_000);

  it('terminalSafe escapes C0, DEL, C1 and bidirectional controls and leaves other text alone', () => {
    const unsafe = [0x00, 0x07, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x9b, 0x9f, 0x202a, 0x202e, 0x2066, 0x2069, 0x2028, 0x200f];
    for (const code of unsafe) expect(terminalSafe(`a${String.fromCodePoint(code)}b`)).toMatch(/^a\\(x[0-9a-f]{2}|u[0-9a-f]{4}|n|r)b$/);
    expect(terminalSafe('a\tb\nc')).toBe('a\\tb\\nc');
    const ordinary = 'St Mary’s “Primary” École — Ysgol Gymraeg 🏫 مدرسة C:\\Schools\\report.pdf';
    expect(terminalSafe(ordinary)).toBe(ordinary);
  });

  it('rejects a file signed with a certificate an older version encoded wrongly, saying what to do', async () => {
    const keys = await createSigningKeyPair();
    const old = await oldStyleCertificate(keys, { commonName: 'Old Version Primary', role: 'School', urn: '100008' });
    const layout = await PDFDocument.create();
    layout.addPage([200, 200]);
    const bytes = await sealPdf(
      await layout.save(),
      [],
      { title: 'Old', author: 'Old', subject: 'Old', language: 'en-GB' },
      { name: 'Old', reason: 'test', location: 'England', signingTime: new Date('2026-11-20T10:00:00Z') },
      (digest) => signDigestWithAnyCertificate(digest, keys.privateKey, old),
    );
    const { io, files, out } = memoryIo();
    files.set('old.pdf', bytes);
    expect(await runCli(['verify', 'old.pdf'], io)).toBe(1);
    expect(out[0]).toMatch(
      /^REJECTED {2}old\.pdf: The signature cannot be checked: the signer’s certificate is not encoded correctly \(it is not strict DER\).*ask the sender to update the app and export the file again.*\[signature-unreadable\]$/,
    );
  });

  it('explains its usage and exits 2 when the command is wrong', async () => {
    const { io, err } = memoryIo();
    expect(await runCli(['verify'], io)).toBe(2);
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(await runCli(['sample-submission', 'x.pdf', '--region', 'atlantis'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/Unknown command “frobnicate”/);
    expect(err.join('\n')).toMatch(/There is no region “atlantis”/);
    expect(await runCli(['frob\u001b[2Jnicate'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/Unknown command “frob\\x1b\[2Jnicate”/);
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
