/** PDF.js's parsing side, loaded into the thumbnail worker's own thread (see evidence-thumbnail-worker.ts). */
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
