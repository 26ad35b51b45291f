import { useMemo } from 'react';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { frameworkByHashes } from '../../../shared/framework/framework-catalogue';
import type { Evaluation } from '../../../shared/evaluation/evaluation-records';
import type { School } from '../../../shared/school/school-records';
import { useEvaluationAndSchool } from '../../db/evaluation-queries';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import type { SectionLink } from '../../ui/Layout';

export type EvaluationContext =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'no-framework'; evaluation: Evaluation; school: School }
  | { state: 'ready'; evaluation: Evaluation; school: School; framework: AppliedFramework };

/** The evaluation, its school, and the exact framework version it was made against. */
export function useEvaluation(evaluationId: string): EvaluationContext {
  const { db, catalogue, importedLoaded } = useServices();
  const records = useEvaluationAndSchool(db, evaluationId);
  const contentHash = records?.evaluation?.framework.contentHash ?? null;
  const supplementHash = records?.evaluation?.supplement?.contentHash ?? null;
  // The same framework object while the evaluation's framework is the same: each save touches the
  // evaluation, and what is worked out from the framework on the screen is then kept.
  const framework = useMemo(
    () => (contentHash === null ? null : frameworkByHashes(catalogue, contentHash, supplementHash)),
    [catalogue, contentHash, supplementHash],
  );
  return useMemo((): EvaluationContext => {
    if (!records) return { state: 'loading' };
    const { evaluation, school } = records;
    if (!evaluation || !school) return { state: 'missing' };
    // Until the imported frameworks have been read, the evaluation's may be among them.
    if (!framework) return importedLoaded ? { state: 'no-framework', evaluation, school } : { state: 'loading' };
    return { state: 'ready', evaluation, school, framework };
  }, [records, framework, importedLoaded]);
}

/**
 * The evaluation's sections. Criteria opens the criteria overview (which links on to the first
 * criterion); it is there when the framework has criteria at all (`firstCriterionId` given).
 */
export function evaluationSections(
  evaluationId: string,
  current: 'dashboard' | 'criteria' | 'evidence' | 'actions' | 'submit' | 'portfolio',
  firstCriterionId?: string,
): SectionLink[] {
  return [
    { label: 'Dashboard', href: href.dashboard(evaluationId), current: current === 'dashboard' },
    ...(firstCriterionId ? [{ label: 'Criteria', href: href.criteriaOverview(evaluationId), current: current === 'criteria' }] : []),
    { label: 'Evidence library', href: href.evidence(evaluationId), current: current === 'evidence' },
    { label: 'Action plan', href: href.actions(evaluationId), current: current === 'actions' },
    { label: 'Submit', href: href.submit(evaluationId), current: current === 'submit' },
    { label: 'Portfolio', href: href.portfolio(evaluationId), current: current === 'portfolio' },
  ];
}
