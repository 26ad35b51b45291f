import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC } from '../../electron/ipc-channels';
import { MENU_COMMANDS } from '../../shared/desktop/menu-commands';

// npm run build:electron (electron/build-main.mjs), into a temporary folder: what Electron would
// load from app.asar, where nothing of ours sits beside main.js and preload.js.
let outdir: string;
let main: string;
let preload: string;

beforeAll(() => {
  outdir = path.join(mkdtempSync(path.join(tmpdir(), 'sen-electron-bundle-')), 'electron');
  execFileSync(process.execPath, [path.resolve('electron/build-main.mjs'), outdir], { stdio: 'pipe' });
  main = readFileSync(path.join(outdir, 'main.js'), 'utf8');
  preload = readFileSync(path.join(outdir, 'preload.js'), 'utf8');
}, 60_000);

afterAll(() => {
  rmSync(path.dirname(outdir), { recursive: true, force: true });
});

/** Every `require(...)` in a bundle; one whose argument is not a plain string shows as null. */
function requires(bundle: string): (string | null)[] {
  return [...bundle.matchAll(/\brequire\(\s*(?:(["'])([^"']*)\1\s*\))?/g)].map((match) => match[2] ?? null);
}

/** The source files a bundle was made from, relative to the repository, from its source map. */
function sourcesOf(bundleName: string): string[] {
  const map = JSON.parse(readFileSync(path.join(outdir, `${bundleName}.map`), 'utf8')) as { sources: string[] };
  return map.sources.map((source) => path.relative(process.cwd(), path.resolve(outdir, source)).split(path.sep).join('/'));
}

/** Where a function is declared in the TypeScript sources of a folder. */
function declarationsIn(folder: string, functionName: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && new RegExp(`\\bfunction ${functionName}\\b`).test(readFileSync(full, 'utf8')))
        found.push(full);
    }
  };
  walk(folder);
  return found.map((file) => path.relative(process.cwd(), file).split(path.sep).join('/'));
}

describe('the built main process', () => {
  it('is CommonJS beside a {"type":"commonjs"} marker, with source maps', () => {
    expect(readdirSync(outdir).sort()).toEqual(['main.js', 'main.js.map', 'package.json', 'preload.js', 'preload.js.map']);
    expect(JSON.parse(readFileSync(path.join(outdir, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    expect(main).toContain('require("electron")');
    expect(main).not.toMatch(/^\s*(import|export)\s/m);
    expect(main).toMatch(/\/\/# sourceMappingURL=main\.js\.map\s*$/);
  });

  it('carries shared/ code that exists nowhere in electron/', () => {
    // Declared once, in shared/, so the bundle can only have it from there.
    expect(declarationsIn('shared', 'parseBackupFileName')).toEqual(['shared/backup/backup-file-name.ts']);
    expect(declarationsIn('electron', 'parseBackupFileName')).toEqual([]);
    expect(declarationsIn('electron', 'acceleratorOn')).toEqual([]);
    expect(main).toMatch(/\bfunction parseBackupFileName\(/);
    expect(main).toMatch(/\bfunction acceleratorOn\(/);
    expect(sourcesOf('main.js')).toEqual(
      expect.arrayContaining(['shared/backup/backup-file-name.ts', 'shared/backup/backup-format.ts', 'shared/desktop/menu-commands.ts']),
    );
  });

  it('requires only electron and Node built-ins at run time, never a file of ours', () => {
    const required = requires(main);
    expect(required).toContain('electron');
    expect(required.filter((specifier) => specifier === null || (specifier !== 'electron' && !isBuiltin(specifier)))).toEqual([]);
  });

  it('loads with nothing but electron and Node built-ins to require', () => {
    const asked: string[] = [];
    const calls: string[] = [];
    // Enough of Electron for main.js to run its first lines: a second instance quits at once.
    const electron = {
      protocol: { registerSchemesAsPrivileged: () => calls.push('registerSchemesAsPrivileged') },
      app: {
        commandLine: { appendSwitch: (name: string, value: string) => calls.push(`appendSwitch ${name}=${value}`) },
        requestSingleInstanceLock: () => false,
        quit: () => calls.push('quit'),
        on: (event: string) => calls.push(`on ${event}`),
      },
    };
    const fakeRequire = (specifier: string): unknown => {
      asked.push(specifier);
      if (specifier === 'electron') return electron;
      if (isBuiltin(specifier)) return process.getBuiltinModule(specifier);
      throw new Error(`Cannot find module '${specifier}'`);
    };
    const module = { exports: {} };
    const run = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${main}\n})`) as (
      ...args: unknown[]
    ) => void;
    run(module.exports, fakeRequire, module, path.join(outdir, 'main.js'), outdir);
    expect(asked).toContain('electron');
    // Chromium's switches are appended before anything else asks for the app (see chromium-features.ts).
    expect(calls).toEqual([
      'registerSchemesAsPrivileged',
      'appendSwitch disable-features=NavigationPredictor',
      'quit',
      'on window-all-closed',
    ]);
  });
});

describe('the built preload', () => {
  it('requires only electron: a sandboxed preload can load nothing else', () => {
    expect(requires(preload)).toEqual(['electron']);
    expect(sourcesOf('preload.js')).toContain('shared/desktop/menu-commands.ts');
  });

  it('runs in a bare sandbox that offers only electron, and passes on only known menu commands', () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
    const invoked: unknown[][] = [];
    const asked: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: {
        on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, listener),
        removeListener: (channel: string) => listeners.delete(channel),
        send: () => undefined,
        invoke: async (...args: unknown[]) => invoked.push(args),
      },
    };
    // What Electron hands a sandboxed preload: a require that knows 'electron' (and a few web
    // polyfills, not offered here), a limited process, and a fresh context with no Node globals.
    const sandboxRequire = (specifier: string): unknown => {
      asked.push(specifier);
      if (specifier === 'electron') return electron;
      throw new Error(`module not found: ${specifier}`);
    };
    const context = vm.createContext({});
    const run = vm.runInContext(`(function (exports, require, module, process) {${preload}\n})`, context) as (...args: unknown[]) => void;
    const module = { exports: {} };
    run(module.exports, sandboxRequire, module, { argv: ['electron', '--app-version=2.3.4'] });

    expect(asked).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['senDesktop']);
    const bridge = exposed.get('senDesktop')!;
    expect(bridge.appVersion).toBe('2.3.4');

    const received: unknown[] = [];
    (bridge.onMenuCommand as (callback: (command: string) => void) => () => void)((command) => received.push(command));
    const fromMain = listeners.get(IPC.menuCommand);
    expect(fromMain).toBeTypeOf('function');
    for (const command of [...MENU_COMMANDS, 'delete-everything', '__proto__']) fromMain!({}, command);
    expect(received).toEqual([...MENU_COMMANDS]);

    void (bridge.saveFile as (name: string, bytes: Uint8Array) => Promise<unknown>)('a.pdf', new Uint8Array([1]));
    expect(invoked).toEqual([[IPC.saveFile, 'a.pdf', new Uint8Array([1])]]);
  });
});
