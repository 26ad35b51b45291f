/**
 * The browser build of pdfmake 0.3 (`pdfmake/build/pdfmake`), as this app uses it in Node, pages
 * and workers. @types/pdfmake describes the build as named exports, but it is a CommonJS bundle
 * whose one export is the pdfmake instance (methods on its prototype), so only a default import
 * works at run time. This ambient declaration (a script: no top-level import) takes precedence.
 */
declare module 'pdfmake/build/pdfmake' {
  interface PdfMakeOutputDocument {
    /** A Buffer of the bundled `buffer` polyfill: a Uint8Array subclass, in Node as in browsers. */
    getBuffer(): Promise<Uint8Array>;
  }

  interface PdfMakeBuild {
    createPdf(documentDefinition: import('pdfmake/interfaces').TDocumentDefinitions): PdfMakeOutputDocument;
    addVirtualFileSystem(vfs: Readonly<Record<string, string>>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    /**
     * The build has no `setLocalAccessPolicy()` (that method is Node-only, in `pdfmake/js`), but its
     * printer reads this field before opening any file that is not in the virtual file system.
     */
    localAccessPolicy: ((path: string) => boolean) | undefined;
  }

  const pdfMake: PdfMakeBuild;
  export default pdfMake;
}
