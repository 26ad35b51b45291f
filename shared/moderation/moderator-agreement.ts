import type { CriterionModeration } from './moderation-records';

/**
 * How far two moderators decided alike on the same criteria (second moderation): the share of
 * criteria where they agree, and Cohen's kappa, which discounts the agreement two moderators
 * would reach by chance given how often each used each decision:
 *   po = agreements / n;  pe = Σ over categories k of (first's count of k / n) × (second's count of k / n);
 *   kappa = (po − pe) / (1 − pe).
 * Two decisions are the same category when the decision is the same and, for "moderated", so is
 * the point moderated to. Criteria either moderator has not decided are left out.
 */

export type DecisionPair = Pick<CriterionModeration, 'criterionId' | 'decision' | 'moderatedJudgement'>;

export interface CriterionAgreement {
  criterionId: string;
  first: string;
  second: string;
  agree: boolean;
}

export type Kappa = { kind: 'value'; value: number; words: string } | { kind: 'undefined'; words: string };

export interface AgreementResult {
  /** Criteria both decided, in the order of the first moderator's list. */
  criteria: CriterionAgreement[];
  /** Criteria either moderator left undecided: not counted. */
  notCompared: string[];
  compared: number;
  agreed: number;
  /** 0–100, or null when nothing was compared. */
  percent: number | null;
  kappa: Kappa;
  disagreements: CriterionAgreement[];
}

/** The category a decision counts as, e.g. "agree", "moderated:good". */
export function decisionCategory(decision: Pick<CriterionModeration, 'decision' | 'moderatedJudgement'>): string | null {
  if (decision.decision === null) return null;
  return decision.decision === 'moderated' ? `moderated:${decision.moderatedJudgement ?? ''}` : decision.decision;
}

/** Landis and Koch's words for a kappa (1977), the ones moderation schemes usually quote. */
export function kappaWords(kappa: number): string {
  if (kappa < 0) return 'poor: less agreement than chance';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

export function moderatorAgreement(first: readonly DecisionPair[], second: readonly DecisionPair[]): AgreementResult {
  const secondById = new Map(second.map((d) => [d.criterionId, d]));
  const criteria: CriterionAgreement[] = [];
  const notCompared: string[] = [];
  const seen = new Set<string>();
  for (const a of first) {
    seen.add(a.criterionId);
    const b = secondById.get(a.criterionId);
    const ca = decisionCategory(a);
    const cb = b ? decisionCategory(b) : null;
    if (ca === null || cb === null) notCompared.push(a.criterionId);
    else criteria.push({ criterionId: a.criterionId, first: ca, second: cb, agree: ca === cb });
  }
  for (const b of second) if (!seen.has(b.criterionId)) notCompared.push(b.criterionId);

  const n = criteria.length;
  const agreed = criteria.filter((c) => c.agree).length;
  const disagreements = criteria.filter((c) => !c.agree);
  if (n === 0) {
    return {
      criteria,
      notCompared,
      compared: 0,
      agreed: 0,
      percent: null,
      kappa: { kind: 'undefined', words: 'No criterion was decided by both moderators, so there is no agreement to measure yet.' },
      disagreements,
    };
  }
  const count = (pick: (c: CriterionAgreement) => string) => {
    const out = new Map<string, number>();
    for (const c of criteria) out.set(pick(c), (out.get(pick(c)) ?? 0) + 1);
    return out;
  };
  const firstCounts = count((c) => c.first);
  const secondCounts = count((c) => c.second);
  const po = agreed / n;
  let pe = 0;
  for (const [category, k] of firstCounts) pe += (k / n) * ((secondCounts.get(category) ?? 0) / n);
  // pe is 1 only when both moderators gave every criterion one and the same decision.
  const kappa: Kappa =
    pe >= 1
      ? {
          kind: 'undefined',
          words:
            'Both moderators gave every criterion the same decision, so kappa cannot be worked out: agreement is complete, but with a single decision in use it cannot be told apart from chance. Compare a sample with a range of decisions.',
        }
      : (() => {
          const value = (po - pe) / (1 - pe);
          return { kind: 'value', value, words: kappaWords(value) };
        })();
  return { criteria, notCompared, compared: n, agreed, percent: (100 * agreed) / n, kappa, disagreements };
}
