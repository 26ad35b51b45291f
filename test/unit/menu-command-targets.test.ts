import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../renderer/app/hash-route';
import { menuCommandTarget } from '../../renderer/app/menu-command-targets';
import { MENU_COMMANDS } from '../../shared/desktop/menu-commands';

const none = { schoolId: null, onlyModeratorWorkspaceId: null };

describe('menuCommandTarget', () => {
  it('takes evaluation commands to the open evaluation’s screens', () => {
    const route = parseRoute('#/evaluations/ev1/criteria/NE-1.1.1');
    expect(menuCommandTarget('export-submission', route, { ...none, schoolId: 's1' })).toEqual({
      kind: 'go',
      to: '#/evaluations/ev1/submit',
    });
    expect(menuCommandTarget('print-portfolio', route, none)).toEqual({ kind: 'go', to: '#/evaluations/ev1/portfolio' });
    expect(menuCommandTarget('new-evaluation', route, { ...none, schoolId: 's1' })).toEqual({ kind: 'go', to: '#/schools/s1' });
    expect(menuCommandTarget('import-moderation-report', route, { ...none, schoolId: 's1' })).toEqual({
      kind: 'go',
      to: '#/schools/s1/moderation',
    });
  });

  it('says what to open first when the command needs an evaluation, a school or a workspace', () => {
    const home = parseRoute('#/');
    for (const command of ['export-submission', 'print-portfolio', 'import-moderation-report', 'import-submission'] as const) {
      const target = menuCommandTarget(command, home, none);
      expect(target.kind).toBe('explain');
      if (target.kind === 'explain') expect(target.message).toMatch(/^Open /);
    }
    expect(menuCommandTarget('new-evaluation', home, none)).toEqual({ kind: 'go', to: '#/' });
  });

  it('imports submissions into the open moderator workspace, or the only one there is', () => {
    expect(menuCommandTarget('import-submission', parseRoute('#/moderation/w1'), none)).toEqual({
      kind: 'go',
      to: '#/moderation/w1/import',
    });
    expect(menuCommandTarget('import-submission', parseRoute('#/settings'), { ...none, onlyModeratorWorkspaceId: 'w2' })).toEqual({
      kind: 'go',
      to: '#/moderation/w2/import',
    });
  });

  it('has an answer for every menu command', () => {
    for (const command of MENU_COMMANDS) expect(menuCommandTarget(command, parseRoute('#/help'), none)).toBeDefined();
    expect(menuCommandTarget('show-keyboard-shortcuts', parseRoute('#/'), none)).toEqual({ kind: 'go', to: '#/help' });
    expect(menuCommandTarget('back-up', parseRoute('#/'), none)).toEqual({ kind: 'elsewhere' });
  });
});
