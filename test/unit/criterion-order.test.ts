import { describe, expect, it } from 'vitest';
import { inFrameworkOrder } from '../../renderer/ui/CriterionOptions';
import { tinyApplied } from '../fixtures/tiny-framework';

describe('inFrameworkOrder (the order a file’s criteria links are listed in)', () => {
  it('sorts ids into the framework’s order, once each, with ids it does not know last', () => {
    const framework = tinyApplied();
    const ids = framework.criteria.map((c) => c.id);
    const shuffled = [ids[3]!, 'ZZ-unknown', ids[0]!, ids[3]!, 'AA-unknown', ids[1]!];
    expect(inFrameworkOrder(framework, shuffled)).toEqual([ids[0], ids[1], ids[3], 'AA-unknown', 'ZZ-unknown']);
  });

  it('keeps each framework’s own order when two frameworks are sorted by in turn', () => {
    const framework = tinyApplied();
    const reversed = { ...framework, criteria: [...framework.criteria].reverse() };
    const ids = framework.criteria.map((c) => c.id);
    const some = [ids[2]!, ids[0]!, ids[1]!];
    expect(inFrameworkOrder(framework, some)).toEqual([ids[0], ids[1], ids[2]]);
    expect(inFrameworkOrder(reversed, some)).toEqual([ids[2], ids[1], ids[0]]);
    expect(inFrameworkOrder(framework, some)).toEqual([ids[0], ids[1], ids[2]]);
  });
});
