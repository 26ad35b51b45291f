import { judgementRank } from '../awards/award-rules';
import { scalePoint, type AppliedFramework } from '../framework/applied-framework';
import type { JudgementScale } from '../framework/framework-types';
import { MODERATION_DECISIONS, type CriterionModeration, type ModerationDecision } from './moderation-records';

/**
 * The desk review as data and rules: which decisions a moderator is offered for a criterion, given
 * what the school said about it; what is wrong with a decision before it is kept; and how accurate
 * the school's self-evaluation was overall.
 */

/** The school's claim that a criterion does not apply to it, with its reason. */
export interface NotApplicableClaim {
  reason: string;
}

/**
 * A school's response as the desk review reads it. `notApplicable` is absent from submissions made
 * before schools could claim a criterion does not apply: those read as no claim.
 */
export interface ClaimedResponse {
  criterionId: string;
  /** Scale point id, or null when the school made no judgement. */
  judgement: string | null;
  notApplicable?: NotApplicableClaim | null;
}

/** What the school said about a criterion: judged it, left it unjudged, or claimed it does not apply. */
export type SchoolClaim = 'judged' | 'unjudged' | 'not-applicable';

export function schoolClaim(response: ClaimedResponse): SchoolClaim {
  if (response.notApplicable) return 'not-applicable';
  return response.judgement === null ? 'unjudged' : 'judged';
}

/** A decision the moderator may choose, in the words that fit the school's claim. */
export interface DecisionOffer {
  id: ModerationDecision;
  label: string;
  /** One sentence on when to choose it. */
  hint: string;
}

/**
 * The decisions offered for a criterion, in the order they are shown:
 * - judged: agree, moderated to another point, more evidence needed;
 * - unjudged: not met, more evidence needed (there is no judgement to agree with, and a moderator
 *   does not judge on the school's behalf);
 * - claimed not applicable: agree it does not apply, dispute the claim, more evidence needed.
 */
export function decisionsOffered(claim: SchoolClaim): DecisionOffer[] {
  const moreEvidence: DecisionOffer = {
    id: 'more-evidence',
    label: 'More evidence needed',
    hint: 'The school needs to send more evidence. Say what in the comment: it becomes an action in the school’s plan.',
  };
  switch (claim) {
    case 'judged':
      return [
        { id: 'agree', label: 'Agree with the school', hint: 'The evidence supports the school’s judgement.' },
        { id: 'moderated', label: 'Moderated to a different judgement', hint: 'The evidence supports a different point on the scale.' },
        moreEvidence,
      ];
    case 'unjudged':
      return [
        {
          id: 'not-met',
          label: 'Not met',
          hint: 'The school made no judgement, so the criterion counts as not met. Say in the comment what would show it is met.',
        },
        moreEvidence,
      ];
    case 'not-applicable':
      return [
        { id: 'agree', label: 'Agree it does not apply', hint: 'The school’s reason holds: the criterion does not apply to this school.' },
        {
          id: 'not-applicable-disputed',
          label: 'Dispute: it does apply',
          hint: 'The criterion applies to this school and counts as not met until the school judges it. Say why in the comment.',
        },
        moreEvidence,
      ];
  }
}

/** A decision as the form holds it before it is kept. */
export interface DecisionDraft {
  decision: ModerationDecision | null;
  moderatedJudgement: string | null;
}

/**
 * What is wrong with a decision for a criterion, in words, or null when it may be kept. A decision
 * that is not offered for the school's claim is refused (e.g. "agree" with an unjudged criterion),
 * so a stored decision never says the moderator agreed with something the school never said.
 */
export function decisionProblem(framework: AppliedFramework, response: ClaimedResponse, draft: DecisionDraft): string | null {
  if (draft.decision === null) return null;
  const claim = schoolClaim(response);
  if (!decisionsOffered(claim).some((o) => o.id === draft.decision)) {
    const label = MODERATION_DECISIONS.find((d) => d.id === draft.decision)?.label ?? draft.decision;
    const why: Record<SchoolClaim, string> = {
      judged: 'The school judged this criterion: agree, moderate it to another point, or ask for more evidence',
      unjudged:
        'The school made no judgement on this criterion, so there is nothing to agree with: choose "Not met" or ask for more evidence',
      'not-applicable':
        'The school claimed this criterion does not apply: agree that it does not apply, dispute the claim, or ask for more evidence',
    };
    return `“${label}” does not fit ${response.criterionId}. ${why[claim]}.`;
  }
  if (draft.decision === 'moderated') {
    if (draft.moderatedJudgement === null || !scalePoint(framework, draft.moderatedJudgement)) {
      return `Choose the point on the scale ${response.criterionId} is moderated to.`;
    }
    if (draft.moderatedJudgement === response.judgement) {
      return `${scalePoint(framework, draft.moderatedJudgement)?.label ?? draft.moderatedJudgement} is the school’s own judgement of ${response.criterionId}: choose "Agree with the school", or another point.`;
    }
  }
  return null;
}

/** How a decision moves the school's claim: down (the school claimed more), up (less), the same, or neither. */
export type DecisionDirection = 'down' | 'same' | 'up' | 'pending' | 'unclaimed';

/**
 * - agree: the same;
 * - moderated: down or up by the scale's order (the same if the point equals the school's);
 * - not applicable disputed: down (the school claimed it was exempt from a criterion that applies);
 * - not met on a criterion the school did not judge: unclaimed (the school claimed nothing);
 *   not met on a judged one (only in decisions made before the offers were enforced): down when the
 *   school had judged it met, the same otherwise;
 * - more evidence, or no decision: pending.
 */
export function decisionDirection(scale: JudgementScale, response: ClaimedResponse, decision: DecisionDraft): DecisionDirection {
  const claim = schoolClaim(response);
  switch (decision.decision) {
    case null:
    case 'more-evidence':
      return 'pending';
    case 'agree':
      return claim === 'unjudged' ? 'unclaimed' : 'same';
    case 'not-applicable-disputed':
      return 'down';
    case 'not-met':
      if (claim !== 'judged') return claim === 'not-applicable' ? 'down' : 'unclaimed';
      return judgementRank(scale, response.judgement) >= judgementRank(scale, scale.metAtOrAbove) ? 'down' : 'same';
    case 'moderated': {
      if (claim !== 'judged') return claim === 'not-applicable' ? 'down' : 'unclaimed';
      const school = judgementRank(scale, response.judgement);
      const moderated = judgementRank(scale, decision.moderatedJudgement);
      if (moderated < 0) return 'pending';
      return moderated < school ? 'down' : moderated > school ? 'up' : 'same';
    }
  }
}

/**
 * The rule for the overall judgement, on the criteria with a settled decision (agreed, moderated,
 * not met or disputed; not those awaiting evidence, and not unjudged criteria, which claim nothing):
 * - over-generous: more than OVER_GENEROUS_PERCENT of them moderated down, and at least as many
 *   down as up (a tie counts as over-generous: generosity is what risks an award not earned);
 * - cautious: more than CAUTIOUS_PERCENT of them moderated up, and more up than down;
 * - accurate: otherwise.
 */
export const OVER_GENEROUS_PERCENT = 20;
export const CAUTIOUS_PERCENT = 20;

export type AccuracyKind = 'over-generous' | 'accurate' | 'cautious';

export type AccuracyJudgement =
  | { kind: 'not-enough'; explanation: string; pending: string[] }
  | {
      kind: AccuracyKind;
      label: string;
      /** Criteria with a settled decision the judgement rests on. */
      considered: number;
      /** Moderated down (or a "not applicable" disputed), in framework order. */
      down: string[];
      /** Moderated up, in framework order. */
      up: string[];
      /** Awaiting more evidence, or not decided yet: not counted. */
      pending: string[];
      explanation: string;
    };

export const ACCURACY_LABELS: Record<AccuracyKind, string> = {
  'over-generous': 'Over-generous',
  accurate: 'Accurate',
  cautious: 'Cautious',
};

/**
 * How accurate the school's self-evaluation was, judged on the criteria the moderator looked at:
 * `within` (e.g. the visit sample), or every criterion with a decision when it is not given.
 */
export function accuracyJudgement(
  framework: AppliedFramework,
  responses: readonly ClaimedResponse[],
  moderations: readonly Pick<CriterionModeration, 'criterionId' | 'decision' | 'moderatedJudgement'>[],
  within?: readonly string[],
): AccuracyJudgement {
  const byCriterion = new Map(moderations.map((m) => [m.criterionId, m]));
  const responseOf = new Map(responses.map((r) => [r.criterionId, r]));
  const scope = within ? new Set(within) : new Set(moderations.filter((m) => m.decision !== null).map((m) => m.criterionId));
  const order = [...framework.criteria.map((c) => c.id), ...[...scope].filter((id) => !framework.criterionById.has(id)).sort()];
  const down: string[] = [];
  const up: string[] = [];
  const pending: string[] = [];
  let same = 0;
  for (const id of order) {
    const response = responseOf.get(id);
    if (!scope.has(id) || !response) continue;
    const moderation = byCriterion.get(id);
    const direction = decisionDirection(framework.scale, response, {
      decision: moderation?.decision ?? null,
      moderatedJudgement: moderation?.moderatedJudgement ?? null,
    });
    if (direction === 'down') down.push(id);
    else if (direction === 'up') up.push(id);
    else if (direction === 'same') same += 1;
    else if (direction === 'pending') pending.push(id);
  }
  const considered = down.length + up.length + same;
  if (considered === 0) {
    return {
      kind: 'not-enough',
      pending,
      explanation:
        pending.length > 0
          ? `No criterion has a settled decision yet (${pending.length} awaiting a decision or more evidence), so the accuracy of the self-evaluation cannot be judged.`
          : 'No criterion has a decision yet, so the accuracy of the self-evaluation cannot be judged.',
    };
  }
  // Integer comparisons: "more than P%" of n is 100 × count > P × n.
  const overGenerous = 100 * down.length > OVER_GENEROUS_PERCENT * considered && down.length >= up.length;
  const cautious = !overGenerous && 100 * up.length > CAUTIOUS_PERCENT * considered && up.length > down.length;
  const kind: AccuracyKind = overGenerous ? 'over-generous' : cautious ? 'cautious' : 'accurate';
  const of = `of the ${considered} ${considered === 1 ? 'criterion' : 'criteria'} with a settled decision`;
  const list = (ids: string[]) => (ids.length <= 8 ? ids.join(', ') : `${ids.slice(0, 8).join(', ')} and ${ids.length - 8} more`);
  const explanation =
    kind === 'over-generous'
      ? `${down.length} ${of} were moderated down (${list(down)}): more than ${OVER_GENEROUS_PERCENT}%. The school judged itself more favourably than its evidence shows.`
      : kind === 'cautious'
        ? `${up.length} ${of} were moderated up (${list(up)}): more than ${CAUTIOUS_PERCENT}%. The school judged itself less favourably than its evidence shows.`
        : `${same} ${of} were agreed${down.length > 0 ? `, ${down.length} moderated down (${list(down)})` : ''}${up.length > 0 ? `, ${up.length} moderated up (${list(up)})` : ''}. The school’s judgements match its evidence.`;
  return { kind, label: ACCURACY_LABELS[kind], considered, down, up, pending, explanation };
}
