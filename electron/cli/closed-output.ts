/** The part of a writable stream (the process's standard output) that writing lines needs. */
export interface LineStream {
  write(chunk: string): boolean;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
}

/**
 * Writes lines to `stream` until whatever reads it has gone: `sen-cli verify *.pdf | head -1`
 * closes the pipe after one line. Then the rest is dropped quietly (not a crash with a stack
 * trace) and the command carries on, so its exit status still says whether every file passed.
 * Any other failure of the stream is passed to `fail`.
 */
export function lineWriter(stream: LineStream, fail: (error: Error) => void): { line(text: string): void; readonly closed: boolean } {
  let closed = false;
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') closed = true;
    else fail(error);
  });
  return {
    line(text) {
      if (!closed) stream.write(`${text}\n`);
    },
    get closed() {
      return closed;
    },
  };
}
