/** The framework file format, version 1 (criteria/schema/framework.schema.json). */

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

export interface Criterion {
  id: CriterionId;
  statement: string;
  guidance: string;
  suggestedEvidence: string[];
  level: string;
  mandatory: boolean;
  /** Chapters of the SEN Code of Practice (2001). */
  codeOfPractice: number[];
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

interface FrameworkFileCommon {
  formatVersion: 1;
  id: string;
  version: string;
  title: string;
  idPrefix: string;
  description: string;
  publisher?: string;
  strands: Strand[];
}

export interface BaseFrameworkFile extends FrameworkFileCommon {
  kind: 'framework';
  scale: JudgementScale;
  levels: AwardLevel[];
  awards: Award[];
}

export interface SupplementFile extends FrameworkFileCommon {
  kind: 'supplement';
  extends: string;
}

export type FrameworkFile = BaseFrameworkFile | SupplementFile;

/** A validated framework file with its identity. */
export interface LoadedFramework<F extends FrameworkFile = FrameworkFile> {
  file: F;
  /** SHA-256 (hex) of the canonical JSON of the file, without its "$schema" hint. */
  contentHash: string;
}

/** Which exact framework (and supplement) an evaluation or submission was made against. */
export interface FrameworkRef {
  id: string;
  version: string;
  title: string;
  contentHash: string;
}
