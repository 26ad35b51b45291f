import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import { partsToBytes, sealPdfParts, type EmbeddedFileInput } from '../../shared/pdf/signed-pdf-writer';

/**
 * Sealing with evidence kept as stored Blobs: the writer reads them a chunk at a time, reading the
 * next chunk while it hashes this one. The digests must be exactly those of the bytes written.
 */
const INFO = { title: 'Sealing test', author: 'Test School', subject: 'Blobs read ahead', language: 'en-GB' };
const SIGNATURE = { name: 'Test School', reason: 'test', location: 'England', signingTime: new Date('2026-11-20T10:00:00Z') };

async function onePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Submission', { x: 50, y: 780 });
  return doc.save();
}

function seededBytes(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function evidence(name: string, source: Uint8Array | Blob): EmbeddedFileInput {
  return { name, source, mediaType: 'application/octet-stream', relationship: 'Supplement', description: name, compress: false };
}

const sha256 = (...pieces: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const piece of pieces) hash.update(piece);
  return hash.digest('hex');
};

describe('sealing a PDF whose evidence is stored Blobs', () => {
  it('signs the digest of exactly the signed byte ranges, and reports the whole file’s digest, across many chunks', async () => {
    // 20 MB spans three 8 MB read chunks; the small ones sit between and after it.
    const large = seededBytes(20 * 1024 * 1024 + 123, 7);
    const files = [
      evidence('small-before.bin', new Blob([seededBytes(1000, 1)])),
      evidence('large.bin', new Blob([large])),
      evidence('in-memory.bin', seededBytes(5000, 2)),
      evidence('small-after.bin', new Blob([seededBytes(70_000, 3)])),
    ];
    const signedDigests: string[] = [];
    const sealed = await sealPdfParts(onePagePdf(), files, INFO, SIGNATURE, async (digest) => {
      signedDigests.push(Buffer.from(digest).toString('hex'));
      return new Uint8Array(64).fill(0x5a);
    });

    const bytes = await partsToBytes(sealed);
    expect(bytes.length).toBe(sealed.size);
    expect(sealed.sha256).toBe(sha256(bytes));
    const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(Buffer.from(bytes).toString('latin1'));
    const [start, firstLength, secondStart, secondLength] = (range?.slice(1) ?? []).map(Number);
    expect(start).toBe(0);
    expect((secondStart ?? 0) + (secondLength ?? 0)).toBe(bytes.length);
    expect(signedDigests).toEqual([
      sha256(bytes.subarray(0, firstLength), bytes.subarray(secondStart, (secondStart ?? 0) + (secondLength ?? 0))),
    ]);
    // The large file is in the PDF byte for byte.
    expect(Buffer.from(bytes).indexOf(Buffer.from(large.subarray(0, 4096)))).toBeGreaterThan(0);
  });

  it('fails with the read’s own error when a stored file cannot be read, and signs nothing', async () => {
    // Past its first chunk, reading fails, as it would for a file removed from the database part-way.
    class UnreadablePastFirstChunk extends Blob {
      override slice(from?: number, to?: number): Blob {
        if (!from) return super.slice(from, to);
        const unreadable = super.slice(from, to);
        unreadable.arrayBuffer = () => Promise.reject(new DOMException('The stored file could not be read.', 'NotReadableError'));
        return unreadable;
      }
    }
    const failing = new UnreadablePastFirstChunk([seededBytes(9 * 1024 * 1024, 4)]);
    let signed = false;
    await expect(
      sealPdfParts(
        onePagePdf(),
        [evidence('broken.bin', failing), evidence('after.bin', new Blob([seededBytes(10, 5)]))],
        INFO,
        SIGNATURE,
        () => {
          signed = true;
          return Promise.resolve(new Uint8Array(64));
        },
      ),
    ).rejects.toThrow('The stored file could not be read.');
    expect(signed).toBe(false);
  });

  it('parses a layout of many objects without waiting on a timer, and still signs exactly the signed ranges', async () => {
    // pdf-lib's default parse waits for a timer every hundred objects; a worker's timers are clamped.
    const layout = await PDFDocument.create();
    for (let i = 0; i < 80; i += 1) layout.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 50, y: 780 });
    const layoutBytes = await layout.save({ useObjectStreams: false });
    // Only pdf-lib's own timers are counted: other work in the test's process may set its own.
    const fromPdfLib: string[] = [];
    const setTimer = globalThis.setTimeout;
    const timers = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((...args: Parameters<typeof setTimeout>) => {
      const stack = new Error().stack ?? '';
      if (stack.includes('pdf-lib')) fromPdfLib.push(stack);
      return setTimer(...args);
    }) as typeof setTimeout);
    const signedDigests: string[] = [];
    let sealed;
    try {
      sealed = await sealPdfParts(layoutBytes, [evidence('one.bin', new Blob([seededBytes(3000, 9)]))], INFO, SIGNATURE, async (digest) => {
        signedDigests.push(Buffer.from(digest).toString('hex'));
        return new Uint8Array(64).fill(0x5a);
      });
      expect(fromPdfLib).toEqual([]);
    } finally {
      timers.mockRestore();
    }
    const bytes = await partsToBytes(sealed);
    expect(sealed.sha256).toBe(sha256(bytes));
    const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(Buffer.from(bytes).toString('latin1'));
    const [, firstLength, secondStart, secondLength] = (range?.slice(1) ?? []).map(Number);
    expect(signedDigests).toEqual([
      sha256(bytes.subarray(0, firstLength), bytes.subarray(secondStart, (secondStart ?? 0) + (secondLength ?? 0))),
    ]);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(80);
  });
});
