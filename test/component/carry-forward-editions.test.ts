import { describe, expect, it } from 'vitest';
import { startEvaluation } from '../../renderer/db/evaluation-store';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { freshDatabase, recordOlderResponse, seedSchoolAndEvaluation } from './render-app';

describe('starting a 2026 evaluation from a 2005 one', () => {
  it('carries the narrative through the crosswalk to the successor, never the judgement, and says which criteria are new', async () => {
    const db = freshDatabase();
    // An evaluation made earlier on the 2005 edition, with a judgement and a narrative on NE-1.1.2.
    const { school, evaluation: old } = await seedSchoolAndEvaluation(db, 'north-east', 'historic');
    expect(old.framework.id).toBe('north-east');
    await recordOlderResponse(db, old.id, 'NE-1.1.2', {
      judgement: 'established',
      narrative: 'Every teacher plans for the pupils with SEN they teach.',
    });

    const { frameworks, regions } = await loadShippedData();
    const current = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
    if (!current.ok) throw new Error(current.message);
    const { evaluation, carried } = await startEvaluation(db, school, current.framework, {
      title: 'Accreditation 2027–28',
      carryForwardFrom: old.id,
    });

    expect(evaluation.framework.id).toBe('north-east-2026');
    expect(carried?.kind).toBe('across-editions');
    const successor = await db.responses.get(`${evaluation.id}|NE26-3.1.1`);
    expect(successor?.narrative).toBe('Every teacher plans for the pupils with SEN they teach.');
    expect(successor?.judgement).toBeNull();
    expect(carried?.kind === 'across-editions' ? carried.result.clearedJudgements : []).toEqual(['NE-1.1.2']);
    expect(carried?.kind === 'across-editions' ? carried.result.newCriteria.length : 0).toBeGreaterThan(0);
    // Nothing is stored under the 2005 id in the new evaluation.
    expect(await db.responses.get(`${evaluation.id}|NE-1.1.2`)).toBeUndefined();
  });
});
