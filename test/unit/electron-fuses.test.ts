import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Validator, type Schema } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';

// The Electron fuses electron-builder flips in the packaged binary (the "build" block of
// package.json), checked against electron-builder's own configuration schema so a misspelt key
// cannot pass unnoticed.
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { build: Record<string, unknown> };
const build = packageJson.build;
const require = createRequire(import.meta.url);
const builderSchema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Schema;
const isValidBuildConfig = (config: unknown) => new Validator(builderSchema, '7', false).validate(config).valid;

describe('the packaged app’s Electron fuses', () => {
  const fuses = build.electronFuses as Record<string, unknown>;

  it('come from package.json alone: no electron-builder config file overrides it', () => {
    for (const file of [
      'electron-builder.yml',
      'electron-builder.yaml',
      'electron-builder.json',
      'electron-builder.json5',
      'electron-builder.toml',
    ])
      expect(existsSync(file), file).toBe(false);
    for (const file of ['electron-builder.js', 'electron-builder.cjs', 'electron-builder.mjs', 'electron-builder.ts'])
      expect(existsSync(file), file).toBe(false);
  });

  it.each([
    ['runAsNode', false, 'the binary cannot be run as plain Node (ELECTRON_RUN_AS_NODE)'],
    ['enableCookieEncryption', true, 'cookies on disk are encrypted with the operating system’s keys'],
    ['enableNodeOptionsEnvironmentVariable', false, 'NODE_OPTIONS and NODE_EXTRA_CA_CERTS are ignored'],
    ['enableNodeCliInspectArguments', false, '--inspect and SIGUSR1 cannot attach a debugger'],
    ['enableEmbeddedAsarIntegrityValidation', true, 'app.asar is checked against the hash built into the binary'],
    ['onlyLoadAppFromAsar', true, 'the app is loaded from app.asar and nowhere else'],
  ])('%s is %s: %s', (fuse, value) => {
    expect(fuses[fuse]).toBe(value);
  });

  it('is a configuration electron-builder accepts, and a misspelt fuse is not', () => {
    expect(isValidBuildConfig(build)).toBe(true);
    expect(isValidBuildConfig({ ...build, electronFuses: { ...fuses, runAsnode: false } })).toBe(false);
    expect(isValidBuildConfig({ ...build, electronFuse: fuses })).toBe(false);
  });

  it('packages an app.asar, which two of the fuses rely on', () => {
    expect(build.asar).toBe(true);
  });
});
