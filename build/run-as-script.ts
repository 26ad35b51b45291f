import { fileURLToPath } from 'node:url';

/**
 * Runs `main` when the module at `moduleUrl` is the script Node was started with (not when a test
 * imports it), and sets the exit code from it. A failure is printed as its message alone, without a
 * stack: the build scripts' errors are written for the person who ran them.
 */
export async function runAsScript(moduleUrl: string, main: (args: readonly string[]) => Promise<number>): Promise<void> {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
