/**
 * Frameworks as they are written (format version 1, criteria/schema/framework.schema.json, and
 * format version 2, criteria/schema/framework-v2.schema.json) and as the app holds them: one
 * in-memory model, whichever format a file was written in (see framework-loader.ts for how a
 * version 1 file is read into it).
 */

export type CriterionId = string;

export interface ScalePoint {
  id: string;
  label: string;
  descriptor: string;
}

export interface JudgementScale {
  name: string;
  /** Strongest first. */
  points: ScalePoint[];
  /** The weakest point at which a criterion counts as met. */
  metAtOrAbove: string;
}

export interface AwardLevel {
  id: string;
  label: string;
  description: string;
}

export interface CriteriaSelector {
  levels?: string[];
  mandatory?: boolean;
  strands?: string[];
  /** Format version 2: true selects the criteria that check a legal duty, false the others. */
  statutory?: boolean;
}

export type AwardRule =
  | { rule: 'every'; criteria: CriteriaSelector; atLeast: string; withEvidence?: boolean }
  | { rule: 'percentage'; criteria: CriteriaSelector; atLeast: string; percent: number; withEvidence?: boolean }
  | { rule: 'at-most-below'; criteria: CriteriaSelector; below: string; atMost: number };

export interface Award {
  level: string;
  summary?: string;
  requires: AwardRule[];
}

// ---- Format version 1, as written ----

export interface CriterionV1 {
  id: CriterionId;
  statement: string;
  guidance: string;
  suggestedEvidence: string[];
  level: string;
  mandatory: boolean;
  /** Chapters of the SEN Code of Practice (2001). */
  codeOfPractice: number[];
}

export interface StandardV1 {
  id: string;
  title: string;
  criteria: CriterionV1[];
}

export interface StrandV1 {
  id: string;
  title: string;
  summary: string;
  standards: StandardV1[];
}

interface FileV1Common {
  formatVersion: 1;
  id: string;
  version: string;
  title: string;
  idPrefix: string;
  description: string;
  publisher?: string;
  strands: StrandV1[];
}

export interface BaseFrameworkFileV1 extends FileV1Common {
  kind: 'framework';
  scale: JudgementScale;
  levels: AwardLevel[];
  awards: Award[];
}

export interface SupplementFileV1 extends FileV1Common {
  kind: 'supplement';
  extends: string;
}

export type FrameworkFileV1 = BaseFrameworkFileV1 | SupplementFileV1;

// ---- Format version 2, as written ----

/** A document the criteria cite, declared once by the framework. */
export interface Source {
  id: string;
  title: string;
  /** Edition or date, e.g. "January 2015" or "2014 c. 6". */
  edition: string;
  kind: 'act' | 'regulations' | 'statutory-guidance' | 'non-statutory-guidance' | 'inspection-framework';
}

/** Where in a declared source, e.g. { source: "send-code", section: "paragraphs 6.44 to 6.56" }. */
export interface Reference {
  source: string;
  section: string;
}

export type Phase = 'early-years' | 'primary' | 'secondary' | 'post-16';
export type Setting = 'mainstream' | 'special' | 'alternative-provision';
export type Cohort = 'ehc-plans' | 'sen-support' | 'year-9-and-above' | 'resourced-provision' | 'looked-after-children';

/** Which schools a criterion applies to: every given condition must hold. */
export interface Applicability {
  /** Applies if the school teaches any of these phases. */
  phases?: Phase[];
  /** Applies if the school is any of these settings. */
  settings?: Setting[];
  /** Applies only if the school has every one of these groups of pupils. */
  cohorts?: Cohort[];
  /** Shown to a school the criterion does not apply to. */
  reason: string;
}

export interface GlossaryEntry {
  term: string;
  aliases?: string[];
  definition: string;
}

export interface CriterionV2 {
  id: CriterionId;
  title: string;
  statement: string;
  guidance: string;
  suggestedEvidence: string[];
  level: string;
  mandatory: boolean;
  statutory: Reference | null;
  references: Reference[];
  appliesTo?: Applicability;
  mayBeNotApplicable: boolean;
  /** By scale point id; every point of the scale has one. */
  descriptors: Record<string, string>;
}

export interface StandardV2 {
  id: string;
  title: string;
  criteria: CriterionV2[];
}

export interface StrandV2 {
  id: string;
  title: string;
  summary: string;
  standards: StandardV2[];
}

export type FrameworkStatus = 'current' | 'historic';

interface FileV2Common {
  formatVersion: 2;
  id: string;
  version: string;
  edition: string;
  status: FrameworkStatus;
  title: string;
  idPrefix: string;
  description: string;
  publisher?: string;
  sources?: Source[];
  glossary?: GlossaryEntry[];
  strands: StrandV2[];
}

export interface BaseFrameworkFileV2 extends FileV2Common {
  kind: 'framework';
  scale: JudgementScale;
  levels: AwardLevel[];
  awards: Award[];
}

export interface SupplementFileV2 extends FileV2Common {
  kind: 'supplement';
  extends: string;
}

export type FrameworkFileV2 = BaseFrameworkFileV2 | SupplementFileV2;

/** A framework file as written, in either format: what the content hash covers and what a submission embeds. */
export type WrittenFrameworkFile = FrameworkFileV1 | FrameworkFileV2;

// ---- The model: a framework as the app holds it ----

/** A criterion in the in-memory model, whichever format its file was written in. */
export interface Criterion {
  id: CriterionId;
  /** A short name for lists. Format 1: derived from the statement. */
  title: string;
  statement: string;
  guidance: string;
  suggestedEvidence: string[];
  level: string;
  /** The award needs it. */
  mandatory: boolean;
  /** The legal duty this criterion checks, or null when it is good practice rather than a duty. Format 1: null. */
  statutory: Reference | null;
  /** What the criterion cites, each to a source the framework (or, for a supplement, its base) declares. */
  references: Reference[];
  /** Which schools it applies to; null: every school. Format 1: null. */
  appliesTo: Applicability | null;
  /** A school may judge it "does not apply", with a written reason. Format 1: false. */
  mayBeNotApplicable: boolean;
  /** What each scale point looks like for this criterion, by point id. Format 1: none. */
  descriptors: Readonly<Record<string, string>>;
}

export interface Standard {
  id: string;
  title: string;
  criteria: Criterion[];
}

export interface Strand {
  id: string;
  title: string;
  summary: string;
  standards: Standard[];
}

interface FrameworkCommon {
  /** The format the file was written in. */
  formatVersion: 1 | 2;
  id: string;
  version: string;
  /** The edition a person recognises, e.g. "2026"; null when a format 1 file was not given one. */
  edition: string | null;
  /** current: may be offered for new evaluations; historic: opens older work only. */
  status: FrameworkStatus;
  title: string;
  idPrefix: string;
  description: string;
  publisher?: string;
  /** The sources this file declares (a supplement's criteria may also cite its base's). */
  sources: Source[];
  glossary: GlossaryEntry[];
  strands: Strand[];
}

export interface BaseFramework extends FrameworkCommon {
  kind: 'framework';
  scale: JudgementScale;
  levels: AwardLevel[];
  awards: Award[];
}

export interface SupplementFramework extends FrameworkCommon {
  kind: 'supplement';
  extends: string;
}

export type Framework = BaseFramework | SupplementFramework;

/** A validated framework file with its identity. */
export interface LoadedFramework<F extends Framework = Framework> {
  /** The framework as the app uses it (the same model for format 1 and format 2 files). */
  file: F;
  /** The file as written: what `contentHash` covers, what a submission embeds and what is stored. */
  written: WrittenFrameworkFile;
  /** SHA-256 (hex) of the canonical JSON of the file as written, without its "$schema" hint. */
  contentHash: string;
}

/** Which exact framework (and supplement) an evaluation or submission was made against. */
export interface FrameworkRef {
  id: string;
  version: string;
  title: string;
  contentHash: string;
}
