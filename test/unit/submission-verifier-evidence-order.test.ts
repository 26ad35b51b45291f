import { beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import type { EmbeddedFileInput } from '../../shared/pdf/signed-pdf-writer';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { assembleSigned, demonstrationData, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * Evidence digests are started ahead of their checks and checked in the manifest's order: the
 * problem reported is still the first one in that order, whichever digest finishes first.
 */
let demo: DemonstrationSchool;
let signing: SigningIdentity;

beforeAll(async () => {
  demo = await demonstrationData();
  signing = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
}, 60_000);

/** The evidence files as the manifest lists them (the fixture embeds them in that order). */
function evidenceFiles(files: EmbeddedFileInput[]): EmbeddedFileInput[] {
  return files.filter((f) => f.relationship === 'Supplement');
}

/** The same number of bytes, one of them changed: only the fingerprint can tell. */
function flipOneByte(file: EmbeddedFileInput): void {
  if (!(file.source instanceof Uint8Array)) throw new Error('the fixture embeds bytes');
  const changed = new Uint8Array(file.source);
  const at = Math.floor(changed.length / 2);
  changed[at] = (changed[at] ?? 0) ^ 0x01;
  file.source = changed;
}

async function rejection(bytes: Uint8Array<ArrayBuffer>): Promise<{ code: string; message: string }> {
  const result = await verifySubmission(bytes);
  if (result.ok) throw new Error('the file was accepted');
  return result.rejection;
}

describe('verifySubmission: evidence checked in the manifest’s order', () => {
  it('has several evidence files to order', async () => {
    await assembleSigned(demo, signing, ({ files }) => {
      expect(evidenceFiles(files).length).toBeGreaterThanOrEqual(3);
    });
  });

  it('names the first altered file when two are altered, the later one last in the PDF', async () => {
    let first = '';
    const bytes = await assembleSigned(demo, signing, ({ files }) => {
      const evidence = evidenceFiles(files);
      const a = evidence[0];
      const b = evidence.at(-1);
      if (!a || !b || a === b) throw new Error('need two evidence files');
      flipOneByte(b);
      flipOneByte(a);
      first = a.name;
    });
    const { code, message } = await rejection(bytes);
    expect(code).toBe('attachment-altered');
    expect(message).toContain(`“${first}”`);
    expect(message).toMatch(/fingerprint differs/);
  }, 30_000);

  it('reports an altered file before a later file marked with the wrong relationship', async () => {
    let altered = '';
    const bytes = await assembleSigned(demo, signing, ({ files }) => {
      const evidence = evidenceFiles(files);
      const a = evidence[0];
      const b = evidence[1];
      if (!a || !b) throw new Error('need two evidence files');
      flipOneByte(a);
      b.relationship = 'Source';
      altered = a.name;
    });
    const { code, message } = await rejection(bytes);
    expect(code).toBe('attachment-altered');
    expect(message).toContain(`“${altered}”`);
  }, 30_000);

  it('reports a wrong relationship before a later altered file', async () => {
    let marked = '';
    const bytes = await assembleSigned(demo, signing, ({ files }) => {
      const evidence = evidenceFiles(files);
      const a = evidence[0];
      const b = evidence.at(-1);
      if (!a || !b || a === b) throw new Error('need two evidence files');
      a.relationship = 'Source';
      flipOneByte(b);
      marked = a.name;
    });
    const { code, message } = await rejection(bytes);
    expect(code).toBe('data-invalid');
    expect(message).toContain(marked);
  }, 30_000);

  it('reports an altered file before a later file whose size differs from the manifest', async () => {
    let altered = '';
    const bytes = await assembleSigned(demo, signing, ({ files }) => {
      const evidence = evidenceFiles(files);
      const a = evidence[0];
      const b = evidence.at(-1);
      if (!a || !b || a === b || !(b.source instanceof Uint8Array)) throw new Error('need two evidence files');
      flipOneByte(a);
      b.source = b.source.slice(0, b.source.length - 1);
      altered = a.name;
    });
    const { code, message } = await rejection(bytes);
    expect(code).toBe('attachment-altered');
    expect(message).toContain(`“${altered}”`);
  }, 30_000);
});
