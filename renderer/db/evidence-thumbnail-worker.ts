/// <reference lib="webworker" />
import { thumbnailSize, thumbnailSource, type ThumbnailResult } from '../../shared/evidence/evidence-thumbnail';
import { SNIFF_BYTES } from '../../shared/evidence/preview-kind';
import type { ThumbnailReply, ThumbnailRequest } from './evidence-thumbnails';

/**
 * Draws an evidence file's thumbnail off the page's thread: an image through createImageBitmap,
 * a PDF's first page through pdfjs-dist, each onto an OffscreenCanvas, kept as a small WebP (PNG
 * where WebP cannot be written). What the file is comes from its bytes. Nothing of a file runs:
 * PDF.js gets no scripting, no XFA forms, no eval, no fonts or data from anywhere but the file, and
 * draws no annotations (so no links); its own worker runs here, in this thread (no network).
 * Anything that cannot be drawn (broken, encrypted, not an image or PDF) replies { ok: false }.
 */
const scope = globalThis as unknown as DedicatedWorkerGlobalScope;

async function toImage(canvas: OffscreenCanvas): Promise<Blob> {
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
}

async function drawImage(file: Blob): Promise<ThumbnailResult> {
  const bitmap = await createImageBitmap(file);
  try {
    const size = thumbnailSize(bitmap.width, bitmap.height);
    if (!size) return { ok: false };
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) return { ok: false };
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    return { ok: true, image: await toImage(canvas), ...size };
  } finally {
    bitmap.close();
  }
}

/** Canvases for PDF.js's own scratch drawing: OffscreenCanvas, as a worker has no document. */
class OffscreenCanvasFactory {
  create(width: number, height: number) {
    const canvas = new OffscreenCanvas(Math.max(1, width), Math.max(1, height));
    return { canvas, context: canvas.getContext('2d') };
  }
  reset(target: { canvas: OffscreenCanvas }, width: number, height: number) {
    target.canvas.width = Math.max(1, width);
    target.canvas.height = Math.max(1, height);
  }
  destroy(target: { canvas: OffscreenCanvas | null; context: unknown }) {
    if (target.canvas) {
      target.canvas.width = 0;
      target.canvas.height = 0;
    }
    target.canvas = null;
    target.context = null;
  }
}

/** No SVG filters (they need a document): a page that wants one is drawn without it. */
class NoFilterFactory {
  addFilter() {
    return 'none';
  }
  addHCMFilter() {
    return 'none';
  }
  addAlphaFilter() {
    return 'none';
  }
  addLuminosityFilter() {
    return 'none';
  }
  addHighlightHCMFilter() {
    return 'none';
  }
  destroy() {}
}

async function drawPdf(file: Blob): Promise<ThumbnailResult> {
  const [pdfjs, pdfWorker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.mjs')]);
  // PDF.js runs its parsing "worker" in this thread when it finds it here, instead of starting one from a URL.
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;
  const task = pdfjs.getDocument({
    data: new Uint8Array(await file.arrayBuffer()),
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    stopAtErrors: true,
    verbosity: 0,
    // An encrypted file asks for a password: refuse, so it is shown as not drawable.
    password: '',
    CanvasFactory: OffscreenCanvasFactory,
    FilterFactory: NoFilterFactory,
  });
  try {
    const document = await task.promise;
    const page = await document.getPage(1);
    const whole = page.getViewport({ scale: 1 });
    const size = thumbnailSize(whole.width, whole.height);
    if (!size) return { ok: false };
    const viewport = page.getViewport({ scale: size.width / whole.width });
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) return { ok: false };
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size.width, size.height);
    await page.render({
      canvas: null,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
      annotationMode: pdfjs.AnnotationMode.DISABLE,
    }).promise;
    return { ok: true, image: await toImage(canvas), ...size };
  } finally {
    await task.destroy();
  }
}

async function draw(file: Blob): Promise<ThumbnailResult> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const source = thumbnailSource(head);
  if (source === 'image') return drawImage(file);
  if (source === 'pdf') return drawPdf(file);
  return { ok: false };
}

scope.onmessage = (event: MessageEvent<ThumbnailRequest>) => {
  const { id, file } = event.data;
  void draw(file).then(
    (result) => scope.postMessage({ id, result } satisfies ThumbnailReply),
    () => scope.postMessage({ id, result: { ok: false } } satisfies ThumbnailReply),
  );
};
