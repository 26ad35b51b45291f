// Splits the end-to-end tests between `npm test`'s two test lanes. The component tests take one
// lane for a few minutes while the end-to-end tests take the other for twice as long, so a few
// end-to-end files run after the component tests, in their lane, and the rest beside them. One list
// says which: every other file, a new one too, runs beside the component tests. The app is built
// once before the lanes start (`npm run test:e2e` alone builds it itself).
//
//   node build/e2e-lanes.mjs after-component | beside-component
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** About a third of the end-to-end tests' time, so both lanes end together. */
export const AFTER_COMPONENT_TESTS = [
  'test/e2e/reading-comfort.e2e.test.ts',
  'test/e2e/follow-up-and-appeal.e2e.test.ts',
  'test/e2e/evidence-library-scale.e2e.test.ts',
  'test/e2e/moderator-batch-import.e2e.test.ts',
];

/** Vitest's arguments for one lane. */
export function laneArguments(lane) {
  if (lane === 'after-component') return ['run', '--project', 'e2e', ...AFTER_COMPONENT_TESTS];
  if (lane === 'beside-component') return ['run', '--project', 'e2e', ...AFTER_COMPONENT_TESTS.flatMap((file) => ['--exclude', file])];
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = laneArguments(process.argv[2]);
  if (!args) {
    process.stderr.write('Say which lane: after-component or beside-component.\n');
    process.exit(2);
  }
  const child = spawn('npx', ['vitest', ...args], { stdio: 'inherit', env: process.env });
  child.on('error', (error) => {
    process.stderr.write(`Vitest could not be started: ${error.message}\n`);
    process.exit(1);
  });
  child.on('close', (code) => process.exit(code ?? 1));
}
