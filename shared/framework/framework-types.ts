/**
 * Frameworks as they are written (format version 1, criteria/schema/framework.schema.json, and
 * format version 2, criteria/schema/framework-v2.schema.json) and as the app holds them: one
 * in-memory model, whichever format a file was written in (see framework-loader.ts for how a
 * version 1 file is read into it).
 */

import type * as V1 from './framework-file-v1.generated';
import type * as V2 from './framework-file-v2.generated';

export type CriterionId = string;

// ---- The parts both formats share, as format version 2 writes them ----
// The file formats' types are generated from the schemas (npm run types:generate); these names
// are the ones the rest of the code uses. A format version 1 file's scale, levels and awards are
// also format 2's (its selectors only lack `statutory`).

export type ScalePoint = V2.ScalePoint;
export type JudgementScale = V2.Scale;
export type AwardLevel = V2.Level;
export type CriteriaSelector = V2.Selector;
export type AwardRule = V2.Rule;
export type Award = V2.Award;

// ---- Format version 1, as written ----

export type CriterionV1 = V1.Criterion;
export type StandardV1 = V1.Standard;
export type StrandV1 = V1.Strand;
export type FrameworkFileV1 = V1.FrameworkFileV1;
export type BaseFrameworkFileV1 = Extract<FrameworkFileV1, { kind: 'framework' }>;
export type SupplementFileV1 = Extract<FrameworkFileV1, { kind: 'supplement' }>;

// ---- Format version 2, as written ----

/** A document the criteria cite, declared once by the framework. */
export type Source = V2.Source;
/** Where in a declared source, e.g. { source: "send-code", section: "paragraphs 6.44 to 6.56" }. */
export type Reference = V2.Reference;
/** Which schools a criterion applies to: every given condition must hold. */
export type Applicability = V2.Applicability;
export type Phase = NonNullable<Applicability['phases']>[number];
export type Setting = NonNullable<Applicability['settings']>[number];
export type Cohort = NonNullable<Applicability['cohorts']>[number];
export type GlossaryEntry = V2.GlossaryEntry;
export type CriterionV2 = V2.Criterion;
export type StandardV2 = V2.Standard;
export type StrandV2 = V2.Strand;
export type FrameworkFileV2 = V2.FrameworkFileV2;
export type FrameworkStatus = FrameworkFileV2['status'];
export type BaseFrameworkFileV2 = Extract<FrameworkFileV2, { kind: 'framework' }>;
export type SupplementFileV2 = Extract<FrameworkFileV2, { kind: 'supplement' }>;

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
