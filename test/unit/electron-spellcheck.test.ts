import { describe, expect, it } from 'vitest';
import { applySpellCheckSettings, NO_SPELL_CHECK, spellCheckSettings, UNREACHABLE_DICTIONARY_URL } from '../../electron/spellcheck';

function recordingSession() {
  const calls: unknown[][] = [];
  return {
    calls,
    session: {
      setSpellCheckerEnabled: (enabled: boolean) => calls.push(['enabled', enabled]),
      setSpellCheckerDictionaryDownloadURL: (url: string) => calls.push(['download from', url]),
    },
  };
}

describe('spell checking, offline', () => {
  it('keeps the system spell checker on macOS, which downloads nothing', () => {
    expect(spellCheckSettings('darwin')).toEqual({ webPreference: true, sessionEnabled: true, dictionaryDownloadUrl: null });
  });

  it.each([['win32'], ['linux'], ['freebsd']] as const)('is off on %s, where Hunspell dictionaries would be downloaded', (platform) => {
    expect(spellCheckSettings(platform)).toEqual({
      webPreference: false,
      sessionEnabled: false,
      dictionaryDownloadUrl: UNREACHABLE_DICTIONARY_URL,
    });
  });

  it('points any dictionary download at a port nothing can listen on, on this computer', () => {
    const url = new URL(UNREACHABLE_DICTIONARY_URL);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.port).toBe('0');
    expect(UNREACHABLE_DICTIONARY_URL.endsWith('/')).toBe(true);
  });

  it('sets the download address before switching the checker off', () => {
    const { calls, session } = recordingSession();
    applySpellCheckSettings(session, spellCheckSettings('linux'));
    expect(calls).toEqual([
      ['download from', UNREACHABLE_DICTIONARY_URL],
      ['enabled', false],
    ]);
  });

  it('leaves the download address alone on macOS', () => {
    const { calls, session } = recordingSession();
    applySpellCheckSettings(session, spellCheckSettings('darwin'));
    expect(calls).toEqual([['enabled', true]]);
  });

  it('has no spell checking in windows where nobody types', () => {
    expect(NO_SPELL_CHECK).toEqual(spellCheckSettings('win32'));
  });
});
