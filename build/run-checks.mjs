// The static checks `npm test` starts with: the generated types, the two type-checks, ESLint,
// Prettier and the Electron security check. They share nothing, so they run side by side in a few
// lanes (each lane's scripts one after another), and each lane's output is printed whole when it
// ends, so lanes never interleave. Exits 1 if any check fails, after every lane has finished.
import { spawn } from 'node:child_process';

/** Each lane runs its npm scripts in order and stops at the first that fails. */
const LANES = [['types:check', 'typecheck'], ['lint:code'], ['lint:format', 'lint:electron']];

function runScript(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ script, ok: false, output: `Could not start npm: ${error.message}\n`, seconds: 0 }));
    child.on('close', (code) =>
      resolve({ script, ok: code === 0, output: Buffer.concat(output).toString('utf8'), seconds: (Date.now() - started) / 1000 }),
    );
  });
}

async function runLane(scripts) {
  const results = [];
  for (const script of scripts) {
    const result = await runScript(script);
    results.push(result);
    const mark = result.ok ? 'passed' : 'FAILED';
    process.stdout.write(`\n> npm run ${script}: ${mark} in ${result.seconds.toFixed(1)} s\n${result.output}`);
    if (!result.ok) break;
  }
  return results;
}

const results = (await Promise.all(LANES.map(runLane))).flat();
const failed = results.filter((result) => !result.ok).map((result) => result.script);
if (failed.length > 0) {
  process.stdout.write(`\nThese checks failed: ${failed.join(', ')}.\n`);
  process.exit(1);
}
process.stdout.write(`\nEvery static check passed (${results.map((result) => result.script).join(', ')}).\n`);
