import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  readCriterionEarly,
  readEvaluationEarly,
  useCriterionResponse,
  useEvaluationAndSchool,
} from '../../renderer/db/evaluation-queries';
import { readEarly, useEarlyAnswer } from '../../renderer/db/first-screen-reads';
import { useWorkspaceSubmissionStates } from '../../renderer/db/moderation-queries';
import { readWorkspaceEarly, useModeratorWorkspaceRecord } from '../../renderer/db/moderator-queries';
import { readWorkspaceSubmissionStatesEarly } from '../../renderer/db/workspace-queue-reads';
import { seedModeratorSubmission, WORKSPACE } from './moderation-test-data';
import { freshDatabase, recordOlderResponse, seedSchoolAndEvaluation } from './render-app';

/** Every answer a hook gave, from its first render on. */
function answersOf<T>(hook: () => T) {
  const answers: T[] = [];
  const rendered = renderHook(() => {
    const answer = hook();
    answers.push(answer);
    return answer;
  });
  return { answers, rendered };
}

// The app's start reads the first screen's records once the database is open, beside the screen's
// code arriving; the screen's first draw then has them, and its own live read takes over.
describe('the first screen’s records read at the app’s start', () => {
  it('gives an evaluation and its school in the first render when read early, and not otherwise', async () => {
    const db = freshDatabase();
    const { evaluation, school } = await seedSchoolAndEvaluation(db);

    const without = answersOf(() => useEvaluationAndSchool(db, evaluation.id));
    expect(without.answers[0]).toBeUndefined();
    await waitFor(() => expect(without.rendered.result.current?.evaluation?.id).toBe(evaluation.id));
    without.rendered.unmount();

    await readEvaluationEarly(db, evaluation.id);
    const early = answersOf(() => useEvaluationAndSchool(db, evaluation.id));
    expect(early.answers[0]?.evaluation?.id).toBe(evaluation.id);
    expect(early.answers[0]?.school?.id).toBe(school.id);
  });

  it('is replaced by the screen’s own read, which sees what changed since, and is used only once', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db);
    await readEvaluationEarly(db, evaluation.id);
    await db.evaluations.update(evaluation.id, { title: 'Renamed after the early read' });

    const first = answersOf(() => useEvaluationAndSchool(db, evaluation.id));
    expect(first.answers[0]?.evaluation?.title).toBe(evaluation.title);
    await waitFor(() => expect(first.rendered.result.current?.evaluation?.title).toBe('Renamed after the early read'));
    first.rendered.unmount();

    // The early answer was dropped when the screen's own read answered: a later screen reads for itself.
    const later = answersOf(() => useEvaluationAndSchool(db, evaluation.id));
    expect(later.answers[0]).toBeUndefined();
    await waitFor(() => expect(later.rendered.result.current?.evaluation?.title).toBe('Renamed after the early read'));
  });

  it('gives the criterion’s response in the first render of a criterion’s screen, and only for that criterion', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const [first, second] = framework.criteria;
    if (!first || !second) throw new Error('the test framework needs two criteria');
    await recordOlderResponse(db, evaluation.id, first.id, { narrative: 'Read before the screen was drawn.' });

    await readCriterionEarly(db, evaluation.id, first.id);
    const read = answersOf(() => useCriterionResponse(db, evaluation.id, first.id));
    expect(read.answers[0]?.criterionId).toBe(first.id);
    expect(read.answers[0]?.response?.narrative).toBe('Read before the screen was drawn.');

    const other = answersOf(() => useCriterionResponse(db, evaluation.id, second.id));
    expect(other.answers[0]).toBeUndefined();
    await waitFor(() => expect(other.rendered.result.current).toEqual({ criterionId: second.id, response: null }));
  });

  it('gives a moderator workspace in the first render when read early, and null for one that is not there', async () => {
    const db = freshDatabase();
    await db.moderatorWorkspaces.put(WORKSPACE);
    await readWorkspaceEarly(db, WORKSPACE.id);
    await readWorkspaceEarly(db, 'no-such-workspace');

    const found = answersOf(() => useModeratorWorkspaceRecord(db, WORKSPACE.id));
    expect(found.answers[0]?.id).toBe(WORKSPACE.id);
    const missing = answersOf(() => useModeratorWorkspaceRecord(db, 'no-such-workspace'));
    expect(missing.answers[0]).toBeNull();
  });

  it('gives the moderator’s queue its submissions and their states in the first render when read early', async () => {
    const db = freshDatabase();
    const { submission } = await seedModeratorSubmission(db);
    await readWorkspaceSubmissionStatesEarly(db, WORKSPACE.id);

    const read = answersOf(() => useWorkspaceSubmissionStates(db, WORKSPACE.id));
    expect(read.answers[0]?.submissions.map((s) => s.key)).toEqual([submission.key]);
    expect(read.answers[0]?.states.get(submission.key)?.kind).toBe('new');
    const other = answersOf(() => useWorkspaceSubmissionStates(db, 'another-workspace'));
    expect(other.answers[0]).toBeUndefined();
    await waitFor(() => expect(other.rendered.result.current?.submissions).toEqual([]));
  });

  it('gives an early answer that arrives after the first render as soon as it arrives, for its own key only', async () => {
    const db = freshDatabase();
    let answer: (value: string) => void = () => undefined;
    const reading = readEarly(db, 'slow read', () => new Promise<string>((resolve) => (answer = resolve)));

    const slow = answersOf(() => useEarlyAnswer<string>(db, 'slow read'));
    const unread = answersOf(() => useEarlyAnswer<string>(db, 'never read'));
    expect(slow.answers[0]).toBeUndefined();
    answer('read at the start');
    await reading;
    await waitFor(() => expect(slow.rendered.result.current).toBe('read at the start'));
    expect(unread.rendered.result.current).toBeUndefined();

    // Asked for another key, it does not give the first key's answer.
    const switching = renderHook(({ key }) => useEarlyAnswer<string>(db, key), { initialProps: { key: 'slow read' } });
    expect(switching.result.current).toBe('read at the start');
    switching.rerender({ key: 'never read' });
    expect(switching.result.current).toBeUndefined();
  });

  it('settles without failing when the read throws before it starts, and leaves nothing behind', async () => {
    const db = freshDatabase();
    await expect(
      readEarly(db, 'broken read', () => {
        throw new Error('no such table');
      }),
    ).resolves.toBeUndefined();
    const read = answersOf(() => useEarlyAnswer<string>(db, 'broken read'));
    expect(read.answers[0]).toBeUndefined();
    // Nothing is left under the key: a later early read of it runs.
    await readEarly(db, 'broken read', () => Promise.resolve('read the second time'));
    expect(answersOf(() => useEarlyAnswer<string>(db, 'broken read')).answers[0]).toBe('read the second time');
  });

  it('leaves nothing behind when the early read fails, and the screen reads for itself', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db);
    db.close();
    await readEvaluationEarly(db, evaluation.id);
    await db.open();

    const read = answersOf(() => useEvaluationAndSchool(db, evaluation.id));
    expect(read.answers[0]).toBeUndefined();
    await waitFor(() => expect(read.rendered.result.current?.evaluation?.id).toBe(evaluation.id));
  });
});
