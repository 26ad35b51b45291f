import { describe, expectTypeOf, it } from 'vitest';
import type { ActionStatus } from '../../shared/actions/action-plan';
import type * as CrosswalkGenerated from '../../shared/evaluation/crosswalk-file.generated';
import type { CrosswalkFile, MappedEntry, RetiredEntry } from '../../shared/evaluation/edition-crosswalk';
import type { EvidenceKind } from '../../shared/evidence/evidence-records';
import type { NotApplicableClaim } from '../../shared/framework/applicability';
import type { FrameworkRef } from '../../shared/framework/framework-types';
import type * as ModerationGenerated from '../../shared/moderation/moderation-document.generated';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import type { ModerationDecision, OutcomeKind, VisitPlan } from '../../shared/moderation/moderation-records';
import type * as RegionsGenerated from '../../shared/regions/regions-file.generated';
import type { FormerLocalAuthority, FrameworkEdition, ModerationSettings, Region, RegionV1 } from '../../shared/regions/regions';
import type { LegacySchoolPhase } from '../../shared/school/school-records';
import type * as SubmissionGenerated from '../../shared/submission/submission-document.generated';
import type { SubmissionDocument } from '../../shared/submission/submission-format';

/**
 * The app's own lists and records that a file format carries must be exactly what the format's
 * schema allows, or a file the app writes could fail its own schema (or one that passes could hold
 * a value the app has no case for). These are checked by the type checker (`npm run typecheck`):
 * each line fails to compile when the two sides differ.
 */

describe('submission.json: the app writes what the schema allows', () => {
  it('uses the schema’s phases, evidence kinds, action statuses, not-applicable claim and framework reference', () => {
    expectTypeOf<SubmissionDocument['school']['phase']>().toEqualTypeOf<LegacySchoolPhase>();
    expectTypeOf<SubmissionDocument['evidence'][number]['kind']>().toEqualTypeOf<EvidenceKind>();
    expectTypeOf<SubmissionDocument['actions'][number]['status']>().toEqualTypeOf<ActionStatus>();
    expectTypeOf<NonNullable<SubmissionGenerated.SubmissionResponse['notApplicable']>>().toEqualTypeOf<NotApplicableClaim>();
    expectTypeOf<SubmissionGenerated.FrameworkRef>().toEqualTypeOf<FrameworkRef>();
  });
});

describe('moderation.json: the app writes what the schema allows', () => {
  it('uses the schema’s decisions, outcome kinds, visit plan and framework reference', () => {
    expectTypeOf<ModerationDocument['criteria'][number]['decision']>().toEqualTypeOf<ModerationDecision | null>();
    expectTypeOf<ModerationDocument['outcome']['kind']>().toEqualTypeOf<OutcomeKind>();
    expectTypeOf<ModerationGenerated.ModerationVisit>().toEqualTypeOf<Pick<VisitPlan, 'criterionIds' | 'method' | 'visitDate' | 'notes'>>();
    expectTypeOf<ModerationGenerated.FrameworkRef>().toEqualTypeOf<FrameworkRef>();
  });
});

describe('regions.json and crosswalks: the loaders’ types are the schemas’', () => {
  it('reads regions of both format versions as their schema describes them', () => {
    expectTypeOf<RegionsGenerated.RegionV1>().toEqualTypeOf<RegionV1>();
    expectTypeOf<RegionsGenerated.RegionV2>().toEqualTypeOf<Region>();
    expectTypeOf<RegionsGenerated.Edition>().toEqualTypeOf<FrameworkEdition>();
    expectTypeOf<RegionsGenerated.FormerLocalAuthority>().toEqualTypeOf<FormerLocalAuthority>();
    expectTypeOf<RegionsGenerated.Moderation>().toEqualTypeOf<ModerationSettings>();
  });

  it('reads a crosswalk as its schema describes it (the schema also allows a "$schema" hint)', () => {
    expectTypeOf<CrosswalkGenerated.Mapped>().toEqualTypeOf<MappedEntry>();
    expectTypeOf<CrosswalkGenerated.Retired>().toEqualTypeOf<RetiredEntry>();
    expectTypeOf<Omit<CrosswalkGenerated.CrosswalkFile, '$schema'>>().toEqualTypeOf<CrosswalkFile>();
  });
});
