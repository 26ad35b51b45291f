// Runs npm scripts in lanes side by side: each argument is one lane, its scripts separated by
// spaces and run one after another (a lane stops at the first that fails). Every line a script
// prints is passed on as it comes, marked with the script's name, so lanes can be told apart.
// Exits 1 if any script fails, after every lane has finished.
//
//   node build/run-lanes.mjs "types:check typecheck" lint:code "lint:format lint:electron"
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const lanes = process.argv.slice(2).map((lane) => lane.split(/\s+/).filter(Boolean));
if (lanes.length === 0 || lanes.some((lane) => lane.length === 0)) {
  process.stderr.write('Give each lane as one argument: npm scripts separated by spaces.\n');
  process.exit(2);
}

function runScript(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${script}] ${line}\n`));
    }
    child.on('error', (error) => {
      process.stdout.write(`[${script}] could not start npm: ${error.message}\n`);
      resolve({ script, ok: false });
    });
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`> npm run ${script}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s\n`);
      resolve({ script, ok: code === 0 });
    });
  });
}

async function runLane(scripts) {
  const results = [];
  for (const script of scripts) {
    const result = await runScript(script);
    results.push(result);
    if (!result.ok) break;
  }
  return results;
}

const results = (await Promise.all(lanes.map(runLane))).flat();
const failed = results.filter((result) => !result.ok).map((result) => result.script);
if (failed.length > 0) {
  process.stdout.write(`\nThese failed: ${failed.join(', ')}.\n`);
  process.exit(1);
}
process.stdout.write(`\nAll passed: ${results.map((result) => result.script).join(', ')}.\n`);
