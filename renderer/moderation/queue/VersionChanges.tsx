import { useEffect, useState } from 'react';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import type { ImportedSubmission } from '../../../shared/moderation/moderation-records';
import { describeChange } from '../../../shared/moderation/submission-queue';
import { diffSubmissions, type CriterionChange } from '../../../shared/moderation/version-diff';
import { useServices } from '../../app/app-context';
import { importedSubmissionsWithDocuments } from '../../db/moderation-queries';
import { loadImportedFramework } from '../../db/moderator-store';

type Loaded =
  { state: 'loading' } | { state: 'missing' } | { state: 'ready'; changes: CriterionChange[]; label: (id: string | null) => string };

/**
 * What changed, criterion by criterion, between a submission and the one the school sent before
 * it. Worked out only when asked for (the disclosure is opened), from the two stored submissions'
 * data, read then and not before.
 */
export function VersionChanges({ submissionKey, previousKey }: { submissionKey: string; previousKey: string }) {
  const { db, catalogue } = useServices();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void (async () => {
      const keys = [submissionKey, previousKey];
      const [[current, previous], [currentData, previousData]] = await importedSubmissionsWithDocuments(db, keys);
      if (!current || !previous || !currentData || !previousData) {
        if (live) setLoaded({ state: 'missing' });
        return;
      }
      const frameworkOf = (submission: ImportedSubmission) =>
        loadImportedFramework(db, catalogue, submission.framework.contentHash, submission.supplement?.contentHash ?? null);
      const frameworks = await Promise.all([frameworkOf(current), frameworkOf(previous)]);
      const label = (id: string | null) => pointLabel(frameworks, id);
      if (live) setLoaded({ state: 'ready', changes: diffSubmissions(previousData.document, currentData.document), label });
    })().catch(() => live && setLoaded({ state: 'missing' }));
    return () => {
      live = false;
    };
  }, [db, catalogue, submissionKey, previousKey]);

  if (loaded.state === 'loading') return <p role="status">Working out what changed…</p>;
  if (loaded.state === 'missing') return <p>The earlier version could not be read, so the changes cannot be shown.</p>;
  if (loaded.changes.length === 0) return <p>Nothing changed: the judgements, narratives, next steps and evidence are the same.</p>;
  return (
    <ul className="version-changes">
      {loaded.changes.map((change) => (
        <li key={change.criterionId}>
          <span className="version-changes__id">{change.criterionId}</span>: {describeChange(change, loaded.label).join('; ')}
        </li>
      ))}
    </ul>
  );
}

function pointLabel(frameworks: readonly (AppliedFramework | null)[], id: string | null): string {
  if (id === null) return 'not judged';
  for (const framework of frameworks) {
    const point = framework?.scale.points.find((p) => p.id === id);
    if (point) return point.label;
  }
  return id;
}
