// npm run lint:electron: a static security check of the Electron shell with Doyensec's
// Electronegativity (https://github.com/doyensec/electronegativity), which parses the TypeScript
// in electron/ directly, so no build is needed.
//
// It fails when the tool finds anything of MEDIUM severity or worse that is not explained in
// EXPLAINED below, when an explanation no longer matches any finding (remove it), when a file
// cannot be parsed (a file not parsed is a file not checked), or when the tool misses the
// deliberately insecure canary window (a check that finds nothing because it is broken must not
// pass). LOW and INFORMATIONAL findings are printed as notes.
//
// The tool's CLI cannot do this (it exits 0 whatever it finds, and fetches translations and
// Electron's release list from the internet), so this script calls its programmatic API with the
// network stubbed out, so it runs offline.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const scanned = path.join(root, 'electron');
const require = createRequire(import.meta.url);

/**
 * Checks switched off, and why. Names are the tool's check class names.
 */
const EXCLUDED_CHECKS = {
  // Downloads Electron's release list from GitHub to compare versions; this check must run
  // offline. Keeping Electron on a supported major is done in package.json (see README).
  AvailableSecurityFixesGlobalCheck: 'needs the internet',
};

/**
 * Findings that are known, and why each is safe. `file` is relative to the repository, `sample`
 * a piece of the flagged line, so an explanation covers that one place and nothing new.
 */
const EXPLAINED = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main.ts',
    sample: 'shell.openExternal(url)',
    why:
      'lockDownContents (electron/window-security.ts) calls this only for links that externalLinkAllowed() ' +
      'accepts: https: and nothing else (no file:, smb:, or other app schemes); tested in test/unit/electron-shell.test.ts.',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'electron/window-security.ts',
    sample: 'preload: options.preloadPath',
    why:
      'The preload (electron/preload.ts) runs sandboxed with context isolation and gives the page these among others: the app ' +
      'version; saveFile, printPdf and writeAutomaticBackup, whose sender and arguments the main process checks (ipc-contract.ts: ' +
      'a name, bytes of bounded size, for printing a %PDF- header, and for a backup only our backup names and header); ' +
      'onMenuCommand, which passes on only ids from the closed ' +
      'MENU_COMMANDS list and never the IPC event; onFlushBeforeClose, which calls the page back when main asks it to ' +
      'save before its window closes, and answers with the request number only (main acts only on the current number from ' +
      'the app page); and verifySubmissionFile, which sends main the path webUtils.getPathForFile finds for a File the person ' +
      'picked or dropped (never a path from the page; a File made in memory has none and nothing is sent), with the partnership ' +
      'certificates, both checked by main (ipc-contract.ts: a bounded path, bounded lists of bounded bytes), which then reads ' +
      'only an absolute path to a regular file within the submission limit that starts as a PDF. Tested in ' +
      'test/unit/electron-preload.test.ts, test/unit/electron-close-handshake.test.ts and ' +
      'test/unit/electron-submission-file-verification.test.ts.',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    why:
      'The tool finds a Content-Security-Policy only in HTML <meta> tags and onHeadersReceived callbacks. Ours is a header ' +
      'on every app:// response (CONTENT_SECURITY_POLICY in electron/app-protocol.ts, sent by main.ts), so the tool reports ' +
      '"no CSP"; this script evaluates that policy itself, below, with the CSP evaluator the tool uses.',
  },
];

/**
 * What the CSP evaluator says about CONTENT_SECURITY_POLICY that is known to be fine, and why.
 * Any other finding of its severities HIGH, SYNTAX, MEDIUM, HIGH_MAYBE or MEDIUM_MAYBE fails.
 */
const EXPLAINED_CSP = [
  {
    directive: 'script-src',
    value: "'self'",
    why:
      "'self' is app://renderer, which serves only the files of the built renderer: no JSONP endpoint, no Angular, no " +
      'user uploads (evidence stays in IndexedDB and is shown from blob: URLs, which script-src does not allow).',
  },
];

/** A window with every setting wrong: the tool must report these, or it is not checking. */
const CANARY = `import { BrowserWindow } from 'electron';
export const canary = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
`;
const CANARY_MUST_FIND = ['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK'];

function loadElectronegativity() {
  const packageJson = require.resolve('@doyensec/electronegativity/package.json');
  const toolRequire = createRequire(path.join(path.dirname(packageJson), 'dist', 'locales', 'i18n.js'));
  // The tool asks the internet for translations at start (and for releases in the excluded
  // check): answer "not found" without a request, so it uses the English text it ships.
  const got = toolRequire.resolve('got');
  const offline = async () => ({ statusCode: 404, body: '' });
  require.cache[got] = { id: got, filename: got, loaded: true, exports: offline, children: [], paths: [] };
  process.env.LANG = 'en-US';
  return { run: toolRequire('../../dist/runner.js'), version: JSON.parse(readFileSync(packageJson, 'utf8')).version };
}

function electronVersion() {
  try {
    return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    const wanted = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.electron;
    return String(wanted).replace(/^[^\d]*/, '');
  }
}

async function scan(run, input, electron) {
  return run({
    input,
    customScan: [],
    excludeFromScan: Object.keys(EXCLUDED_CHECKS).map((name) => name.toLowerCase()),
    electronVersionOverride: electron,
    isRelative: false,
    parserPlugins: [],
  });
}

const relative = (file) => (file === 'N/A' ? file : path.relative(root, file).split(path.sep).join('/'));
const explains = (entry, issue) =>
  entry.id === issue.id && entry.file === relative(issue.file) && (!entry.sample || String(issue.sample ?? '').includes(entry.sample));

async function main() {
  const started = Date.now();
  const failures = [];
  const notes = [];
  const { run, version } = loadElectronegativity();
  const electron = electronVersion();

  // 1. The canary: the tool must still find a plainly insecure window.
  const canaryFolder = mkdtempSync(path.join(tmpdir(), 'electronegativity-canary-'));
  try {
    writeFileSync(path.join(canaryFolder, 'canary.ts'), CANARY);
    const canary = await scan(run, canaryFolder, electron);
    const found = new Set(canary.issues.map((issue) => issue.id));
    const missed = CANARY_MUST_FIND.filter((id) => !found.has(id));
    if (missed.length > 0) failures.push(`The tool did not report ${missed.join(', ')} on the insecure canary window: it is not checking.`);
  } finally {
    rmSync(canaryFolder, { recursive: true, force: true });
  }

  // 2. electron/ itself.
  const result = await scan(run, scanned, electron);
  if (result.atomicChecks === 0) failures.push('The tool loaded no checks.');
  for (const error of result.errors) {
    const line = `${relative(error.file)} could not be checked: ${error.message}`;
    if (error.tolerable) notes.push(line);
    else failures.push(line);
  }
  const used = new Set();
  const explained = [];
  for (const issue of result.issues) {
    const where = `${issue.id} (${issue.severity.name}, ${issue.confidence.name}) at ${relative(issue.file)}:${issue.location.line}`;
    const entry = EXPLAINED.find((candidate) => explains(candidate, issue));
    if (entry) {
      used.add(entry);
      explained.push(`${where}\n      ${entry.why}`);
    } else if (issue.severity.value >= 2) {
      failures.push(`${where}: ${issue.description}\n      ${String(issue.sample ?? '').trim()}`);
    } else {
      notes.push(`${where}: ${issue.description}`);
    }
  }
  for (const entry of EXPLAINED) {
    if (!used.has(entry)) failures.push(`The explanation for ${entry.id} at ${entry.file} matches no finding any more: remove it.`);
  }

  // 3. The policy the tool cannot see, through the evaluator the tool uses.
  const { CONTENT_SECURITY_POLICY } = await tsImport('./app-protocol.ts', import.meta.url);
  const csp = createRequire(require.resolve('@doyensec/electronegativity/package.json'))('@doyensec/csp-evaluator');
  const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
  const serious = new Set([
    csp.severities.HIGH,
    csp.severities.SYNTAX,
    csp.severities.MEDIUM,
    csp.severities.HIGH_MAYBE,
    csp.severities.MEDIUM_MAYBE,
  ]);
  const severityName = (value) => Object.keys(csp.severities).find((name) => csp.severities[name] === value) ?? String(value);
  const usedCsp = new Set();
  for (const finding of findings) {
    const where = `Content-Security-Policy ${finding.directive} ${finding.value ?? ''} (${severityName(finding.severity)})`.replace(
      /\s+\(/,
      ' (',
    );
    const entry = EXPLAINED_CSP.find((candidate) => candidate.directive === finding.directive && candidate.value === finding.value);
    if (entry) {
      usedCsp.add(entry);
      explained.push(`${where}: ${finding.description}\n      ${entry.why}`);
    } else if (serious.has(finding.severity)) failures.push(`${where}: ${finding.description}`);
    else notes.push(`${where}: ${finding.description}`);
  }
  for (const entry of EXPLAINED_CSP) {
    if (!usedCsp.has(entry))
      failures.push(`The CSP explanation for ${entry.directive} ${entry.value} matches no finding any more: remove it.`);
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Electronegativity ${version}: ${result.atomicChecks} atomic and ${result.globalChecks} global checks over electron/ ` +
      `(assuming Electron ${electron}), plus the app's Content-Security-Policy, in ${seconds} s.`,
  );
  console.log(
    `Switched off: ${Object.entries(EXCLUDED_CHECKS)
      .map(([name, why]) => `${name} (${why})`)
      .join('; ')}.`,
  );
  if (explained.length > 0) console.log(`\nExplained findings:\n${explained.map((line) => `  - ${line}`).join('\n')}`);
  if (notes.length > 0) console.log(`\nNotes (below medium severity):\n${notes.map((line) => `  - ${line}`).join('\n')}`);
  if (failures.length > 0) {
    console.error(`\nThe Electron security check failed:\n${failures.map((line) => `  - ${line}`).join('\n')}`);
    console.error('\nFix the code, or if a finding is safe, explain why in EXPLAINED in electron/security-check.mjs.');
    process.exitCode = 1;
    return;
  }
  console.log('\nNo unexplained findings of medium severity or worse.');
}

main().catch((error) => {
  console.error(`The Electron security check could not run: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
