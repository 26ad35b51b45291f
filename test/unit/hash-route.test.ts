import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../renderer/app/hash-route';
import { shownPath } from '../../renderer/app/NotFoundScreen';

describe('parseRoute', () => {
  it.each([
    ['a lone %', '#/schools/%'],
    ['a % at the end', '#/schools/abc%'],
    ['a truncated escape', '#/schools/%E'],
    ['a lead byte with no continuation', '#/schools/%E0'],
    ['a lead byte and a bad continuation', '#/schools/%E0%41'],
    ['an escape that is not hex', '#/schools/%ZZ'],
    ['a lone continuation byte', '#/evaluations/%80/criteria/NE-1'],
    ['an encoded lone surrogate', '#/evaluations/%ED%A0%80'],
    ['an overlong encoding', '#/moderation/%C0%AF'],
    ['a bad escape in the last segment', '#/moderation/w1/submissions/s1/criteria/%FF'],
    ['a bad escape in a segment that is not an id', '#/%E0/settings'],
  ])('gives the not-found screen for %s, never a throw', (_what, hash) => {
    expect(parseRoute(hash)).toEqual({ screen: 'not-found', path: hash.slice(1) });
  });

  it('gives the not-found screen for a very long malformed hash', () => {
    const hash = `#/schools/${'%E0'.repeat(200_000)}`;
    expect(parseRoute(hash).screen).toBe('not-found');
  });

  it('gives the not-found screen for a very long hash of many segments', () => {
    const hash = `#${'/x'.repeat(100_000)}%`;
    expect(parseRoute(hash).screen).toBe('not-found');
  });

  it('reads a NUL, escaped or not, as part of an id, not as an error', () => {
    expect(parseRoute('#/schools/a%00b')).toEqual({ screen: 'school', schoolId: 'a\u0000b' });
    expect(parseRoute('#/schools/a\u0000b')).toEqual({ screen: 'school', schoolId: 'a\u0000b' });
  });

  it('never throws, whatever the hash holds', () => {
    // Every byte value as an escape, alone and after a valid lead byte, and some raw characters.
    const samples: string[] = [];
    for (let byte = 0; byte < 256; byte += 1) {
      const hex = byte.toString(16).padStart(2, '0');
      samples.push(`#/schools/%${hex}`, `#/schools/%E0%${hex}`, `#/schools/%F0%9F%${hex}`, `#/schools/${String.fromCharCode(byte)}`);
    }
    samples.push('#/schools/\uD800', '#', '', '#%', '#/%/%/%', '#//schools//%2F');
    for (const hash of samples) expect(() => parseRoute(hash)).not.toThrow();
  });

  it('still reads every well-formed address, ids with escapes included', () => {
    const id = 'a/b %é?#';
    expect(parseRoute(href.school(id))).toEqual({ screen: 'school', schoolId: id });
    expect(parseRoute(href.criterion(id, 'NE-1.1.1'))).toEqual({ screen: 'criterion', evaluationId: id, criterionId: 'NE-1.1.1' });
    expect(parseRoute(href.moderationCriterion('w', id, 'c'))).toEqual({
      screen: 'moderation-criterion',
      workspaceId: 'w',
      submissionId: id,
      criterionId: 'c',
    });
    expect(parseRoute('#/')).toEqual({ screen: 'home' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'not-found', path: '/nowhere' });
  });
});

describe('the address the not-found screen repeats back', () => {
  it('drops control characters', () => {
    expect(shownPath('/schools/a\u0000b\u001b[31m\u0085c')).toBe('/schools/ab[31mc');
  });

  it('is cut short when long, on a whole character', () => {
    const shown = shownPath(`/${'😀'.repeat(10_000)}`);
    expect(shown.endsWith('…')).toBe(true);
    expect(Array.from(shown)).toHaveLength(121);
    expect(shown).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('keeps a short address whole', () => {
    expect(shownPath('/schools/%E0')).toBe('/schools/%E0');
  });
});
