import crosswalkSchema from '../../criteria/schema/crosswalk.schema.json';
import { createSchemaCheck } from '../formats/json-schema-check';
import type { CriterionResponse, EvidenceLink } from './evaluation-records';
import { evidenceLinkKey, responseKey } from './evaluation-records';

/**
 * Crosswalks from a historic framework edition (the 2005-era ones) to its current edition, and
 * carrying an evaluation made against the historic edition forward into the current one.
 * The crosswalk format is criteria/schema/crosswalk.schema.json.
 */

/** What carries from a historic criterion to its successors. */
export type CarryKind = 'narrative-and-evidence' | 'evidence-only';

export interface MappedEntry {
  from: string;
  /** The main successor first: a carried narrative goes there. */
  successors: string[];
  carry: CarryKind;
  note: string;
}

export interface RetiredEntry {
  from: string;
  retired: true;
  reason: string;
  /** Current criteria worth reading alongside; nothing carries to them. */
  see?: string[];
}

export type CrosswalkEntry = MappedEntry | RetiredEntry;

export interface CrosswalkFile {
  formatVersion: 1;
  kind: 'crosswalk';
  /** Id of the historic framework or supplement. */
  from: string;
  /** Id of the current framework or supplement. */
  to: string;
  description: string;
  entries: CrosswalkEntry[];
  /** Criteria of the current edition with no historic predecessor. */
  newCriteria: string[];
}

/** As much of a framework or supplement file, of either format version, as a crosswalk needs. */
export interface EditionOutline {
  id: string;
  kind: string;
  /** For a supplement: the framework it adds to. */
  extends?: string;
  strands: readonly { standards: readonly { criteria: readonly { id: string }[] }[] }[];
}

export interface CrosswalkEditions {
  from: EditionOutline;
  to: EditionOutline;
  /**
   * When `to` is a supplement, the framework it adds to: a historic supplement criterion may have
   * moved into the current core framework, so its successors may be criteria of either.
   */
  toBase?: EditionOutline | null;
}

/** One thing wrong with a crosswalk file, told as "file: JSON pointer: what is wrong". */
export interface CrosswalkProblem {
  file: string;
  pointer: string;
  message: string;
}

export type CrosswalkLoadResult = { ok: true; crosswalk: CrosswalkFile } | { ok: false; problems: CrosswalkProblem[] };

export function isRetired(entry: CrosswalkEntry): entry is RetiredEntry {
  return 'retired' in entry;
}

export function criterionIdsOf(edition: EditionOutline): string[] {
  return edition.strands.flatMap((s) => s.standards.flatMap((st) => st.criteria.map((c) => c.id)));
}

const checkSchema = createSchemaCheck(crosswalkSchema);

/**
 * Validates a crosswalk against the two editions it joins: every historic criterion has exactly
 * one entry, every successor is a criterion of the current edition (or, for a supplement, of the
 * framework it adds to), and the new-criteria list is exactly the current criteria no entry names.
 * Never throws for bad content.
 */
export function loadCrosswalk(fileName: string, value: unknown, editions: CrosswalkEditions): CrosswalkLoadResult {
  const schemaProblems = checkSchema(value);
  if (schemaProblems.length > 0) return { ok: false, problems: schemaProblems.map((p) => ({ file: fileName, ...p })) };
  const crosswalk = value as CrosswalkFile;
  const problems = checkAgainstEditions(crosswalk, editions).map((p) => ({ file: fileName, ...p }));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, crosswalk };
}

export function formatCrosswalkProblem(problem: CrosswalkProblem): string {
  return `${problem.file}: ${problem.pointer || '/'}: ${problem.message}`;
}

type Located = { pointer: string; message: string };

function checkAgainstEditions(crosswalk: CrosswalkFile, editions: CrosswalkEditions): Located[] {
  const { from, to } = editions;
  const problems: Located[] = [];
  if (crosswalk.from !== from.id) {
    problems.push({ pointer: '/from', message: `names "${crosswalk.from}", but it is being checked against the edition "${from.id}"` });
  }
  if (crosswalk.to !== to.id) {
    problems.push({ pointer: '/to', message: `names "${crosswalk.to}", but it is being checked against the edition "${to.id}"` });
  }
  let base: EditionOutline | null = null;
  if (to.kind === 'supplement') {
    base = editions.toBase ?? null;
    if (base === null || base.id !== to.extends) {
      problems.push({
        pointer: '/to',
        message: `is a supplement to "${to.extends ?? 'another framework'}", which must be given to check the crosswalk`,
      });
      return problems;
    }
  }
  if (problems.length > 0) return problems;

  const historicIds = criterionIdsOf(from);
  const historic = new Set(historicIds);
  const ownIds = criterionIdsOf(to);
  const current = new Set([...ownIds, ...(base ? criterionIdsOf(base) : [])]);
  const firstEntryFor = new Map<string, number>();
  const named = new Set<string>();

  crosswalk.entries.forEach((entry, i) => {
    const at = `/entries/${i}`;
    const earlier = firstEntryFor.get(entry.from);
    if (earlier !== undefined) {
      problems.push({ pointer: `${at}/from`, message: `repeats ${entry.from}, which already has an entry at /entries/${earlier}` });
    } else {
      firstEntryFor.set(entry.from, i);
    }
    if (!historic.has(entry.from)) {
      problems.push({ pointer: `${at}/from`, message: `${entry.from} is not a criterion of ${from.id}` });
    }
    const ids = isRetired(entry) ? (entry.see ?? []) : entry.successors;
    const list = isRetired(entry) ? 'see' : 'successors';
    ids.forEach((id, k) => {
      if (!current.has(id)) {
        problems.push({ pointer: `${at}/${list}/${k}`, message: `${id} is not a criterion of ${base ? `${to.id} or ${base.id}` : to.id}` });
      }
    });
    if (!isRetired(entry)) for (const id of entry.successors) named.add(id);
  });

  for (const id of historicIds) {
    if (!firstEntryFor.has(id)) {
      problems.push({ pointer: '/entries', message: `has no entry for ${id}: name its successors or say why it was retired` });
    }
  }

  const listedNew = new Set(crosswalk.newCriteria);
  crosswalk.newCriteria.forEach((id, k) => {
    if (!ownIds.includes(id)) {
      problems.push({ pointer: `/newCriteria/${k}`, message: `${id} is not a criterion of ${to.id}` });
    } else if (named.has(id)) {
      problems.push({ pointer: `/newCriteria/${k}`, message: `${id} is named as a successor, so it is not new` });
    }
  });
  for (const id of ownIds) {
    if (!named.has(id) && !listedNew.has(id)) {
      problems.push({ pointer: '/newCriteria', message: `leaves out ${id}, which no entry names as a successor` });
    }
  }
  return problems;
}

// ---- Carrying an evaluation forward across editions ----

export interface EditionCarryForwardInput {
  fromEvaluationId: string;
  toEvaluationId: string;
  /** Records of the historic evaluation (records of other evaluations are ignored). */
  responses: readonly CriterionResponse[];
  links: readonly EvidenceLink[];
  /** Validated crosswalks for the historic framework and, when there was one, its supplement. */
  crosswalks: readonly CrosswalkFile[];
  now: string;
}

/**
 * A historic narrative whose procedure no longer exists ("evidence-only"), kept for the school to
 * read beside the new criterion but not used as its narrative. CriterionResponse has no field for
 * it, so the app stores these records on their own, keyed like this.
 */
export interface PreviousNarrative {
  /** `${evaluationId}|${criterionId}|${fromCriterionId}` */
  key: string;
  /** The new evaluation. */
  evaluationId: string;
  /** The current criterion it is shown with. */
  criterionId: string;
  /** The historic criterion it was written for. */
  fromCriterionId: string;
  narrative: string;
  nextSteps: string;
  /** The crosswalk's note on what changed. */
  note: string;
}

export interface RetiredCriterion {
  criterionId: string;
  reason: string;
  see: string[];
  /** Whether the historic evaluation had a judgement, narrative, next steps or evidence here. */
  hadWork: boolean;
}

export interface EditionCarryForwardResult {
  responses: CriterionResponse[];
  links: EvidenceLink[];
  previousNarratives: PreviousNarrative[];
  /** Current criteria with no historic predecessor in any of the crosswalks: "new in 2026". */
  newCriteria: string[];
  /** Every historic criterion the crosswalks retire, with the reason. */
  retired: RetiredCriterion[];
  /** Historic criteria that had a judgement: none carries, because the scale's meaning changed. */
  clearedJudgements: string[];
  /** Criteria of the historic evaluation that no crosswalk names: nothing was carried for them. */
  unmapped: string[];
}

export function previousNarrativeKey(evaluationId: string, criterionId: string, fromCriterionId: string): string {
  return `${evaluationId}|${criterionId}|${fromCriterionId}`;
}

/** The heading put before each historic narrative when several land on one current criterion. */
export function carriedFromHeading(fromCriterionId: string): string {
  return `From ${fromCriterionId}:`;
}

interface Piece {
  from: string;
  narrative: string;
  nextSteps: string;
}

/**
 * Starts an evaluation against a current edition from one made against a historic edition.
 * Evidence links follow to every successor. A narrative (and its next steps) carries to the first
 * successor when the crosswalk says it still fits; several landing on one criterion are joined,
 * each under a heading naming its historic criterion. Where only the evidence fits, the old
 * narrative is returned as a previous narrative for reference. Judgements never carry.
 */
export function carryForwardAcrossEditions(input: EditionCarryForwardInput): EditionCarryForwardResult {
  const oldResponses = new Map<string, CriterionResponse>();
  for (const r of input.responses) if (r.evaluationId === input.fromEvaluationId) oldResponses.set(r.criterionId, r);
  const oldLinks = input.links.filter((l) => l.evaluationId === input.fromEvaluationId);

  const entryFor = new Map<string, CrosswalkEntry>();
  for (const crosswalk of input.crosswalks) {
    for (const entry of crosswalk.entries) if (!entryFor.has(entry.from)) entryFor.set(entry.from, entry);
  }

  const pieces = new Map<string, Piece[]>();
  const previousNarratives: PreviousNarrative[] = [];
  const clearedJudgements: string[] = [];
  const retired: RetiredCriterion[] = [];
  const named = new Set<string>();

  for (const crosswalk of input.crosswalks) {
    for (const entry of crosswalk.entries) {
      if (entryFor.get(entry.from) !== entry) continue;
      const old = oldResponses.get(entry.from);
      if (old && old.judgement !== null) clearedJudgements.push(entry.from);
      if (isRetired(entry)) {
        const hasText = old !== undefined && (old.narrative.trim() !== '' || old.nextSteps.trim() !== '' || old.judgement !== null);
        retired.push({
          criterionId: entry.from,
          reason: entry.reason,
          see: [...(entry.see ?? [])],
          hadWork: hasText || oldLinks.some((l) => l.criterionId === entry.from),
        });
        continue;
      }
      for (const id of entry.successors) named.add(id);
      if (!old) continue;
      const narrative = old.narrative.trim() === '' ? '' : old.narrative;
      const nextSteps = old.nextSteps.trim() === '' ? '' : old.nextSteps;
      if (narrative === '' && nextSteps === '') continue;
      const target = entry.successors[0];
      if (target === undefined) continue;
      if (entry.carry === 'narrative-and-evidence') {
        const list = pieces.get(target) ?? [];
        list.push({ from: entry.from, narrative, nextSteps });
        pieces.set(target, list);
      } else {
        previousNarratives.push({
          key: previousNarrativeKey(input.toEvaluationId, target, entry.from),
          evaluationId: input.toEvaluationId,
          criterionId: target,
          fromCriterionId: entry.from,
          narrative,
          nextSteps,
          note: entry.note,
        });
      }
    }
  }

  const responses: CriterionResponse[] = [...pieces].map(([criterionId, list]) => ({
    key: responseKey(input.toEvaluationId, criterionId),
    evaluationId: input.toEvaluationId,
    criterionId,
    judgement: null,
    narrative: joinUnderHeadings(list.map((p) => [p.from, p.narrative])),
    nextSteps: joinUnderHeadings(list.map((p) => [p.from, p.nextSteps])),
    updatedAt: input.now,
  }));

  const links: EvidenceLink[] = [];
  const linkKeys = new Set<string>();
  const unmapped: string[] = [];
  for (const link of oldLinks) {
    const entry = entryFor.get(link.criterionId);
    if (!entry) {
      if (!unmapped.includes(link.criterionId)) unmapped.push(link.criterionId);
      continue;
    }
    if (isRetired(entry)) continue;
    for (const criterionId of entry.successors) {
      const key = evidenceLinkKey(input.toEvaluationId, criterionId, link.evidenceId);
      if (linkKeys.has(key)) continue;
      linkKeys.add(key);
      links.push({ key, evaluationId: input.toEvaluationId, criterionId, evidenceId: link.evidenceId });
    }
  }
  for (const criterionId of oldResponses.keys()) {
    if (!entryFor.has(criterionId) && !unmapped.includes(criterionId)) unmapped.push(criterionId);
  }

  const newCriteria: string[] = [];
  for (const crosswalk of input.crosswalks) {
    for (const id of crosswalk.newCriteria) if (!named.has(id) && !newCriteria.includes(id)) newCriteria.push(id);
  }

  return { responses, links, previousNarratives, newCriteria, retired, clearedJudgements, unmapped };
}

/** One text as it is; several, each under a heading naming the historic criterion it came from. */
function joinUnderHeadings(texts: [from: string, text: string][]): string {
  const present = texts.filter(([, text]) => text !== '');
  const [only] = present;
  if (only === undefined) return '';
  if (present.length === 1) return only[1];
  return present.map(([from, text]) => `${carriedFromHeading(from)}\n${text}`).join('\n\n');
}
