import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * Turns a pdfmake document definition into PDF bytes, the same way in Node, a page and a web worker:
 * the browser build of pdfmake with its bundled Roboto fonts, and no access to anything outside the
 * definition (no URL is fetched, no local file is read).
 */

interface PdfMakeEngine {
  createPdf(dd: TDocumentDefinitions): { getBuffer(): Promise<Uint8Array> };
}

let engine: Promise<PdfMakeEngine> | null = null;

export async function renderPdf(dd: TDocumentDefinitions): Promise<Uint8Array<ArrayBuffer>> {
  engine ??= loadEngine();
  const pdfMake = await engine.catch((error: unknown) => {
    engine = null;
    throw error;
  });
  const output = await pdfMake.createPdf(dd).getBuffer();
  // Copy out of the Buffer polyfill's subclass into a plain Uint8Array of its own ArrayBuffer.
  const bytes = new Uint8Array(output.byteLength);
  bytes.set(output);
  return bytes;
}

async function loadEngine(): Promise<PdfMakeEngine> {
  const [{ default: pdfMake }, { default: vfs }] = await Promise.all([import('pdfmake/build/pdfmake'), import('pdfmake/build/vfs_fonts')]);
  pdfMake.addVirtualFileSystem(vfs);
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.localAccessPolicy = () => false;
  return pdfMake;
}
