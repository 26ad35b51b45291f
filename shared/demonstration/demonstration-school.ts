import type { ActionItem } from '../actions/action-plan';
import { responseKey, evidenceLinkKey, type CriterionResponse, type Evaluation, type EvidenceLink } from '../evaluation/evaluation-records';
import type { EvidenceItem, EvidenceKind } from '../evidence/evidence-records';
import { sha256Hex, utf8 } from '../formats/sha256';
import type { AppliedFramework } from '../framework/applied-framework';
import { frameworkRef } from '../framework/applied-framework';
import { renderPdf } from '../pdf/pdfmake-renderer';
import type { Region } from '../regions/regions';
import type { School } from '../school/school-records';
import type { SubmissionSnapshot } from '../submission/submission-builder';
import { makeCsv, makePng } from './demonstration-files';

/**
 * A made-up school with a complete evaluation and a few evidence files, so that moderators and IT
 * departments can try the submission format without any real school's data.
 */
export interface DemonstrationSchool {
  snapshot: SubmissionSnapshot;
  /** Evidence file bytes by SHA-256. */
  files: ReadonlyMap<string, Uint8Array<ArrayBuffer>>;
}

export const DEMONSTRATION_URN = '999001';

interface EvidencePlan {
  title: string;
  kind: EvidenceKind;
  description: string;
  heldAt: string;
  file: { name: string; type: string; bytes: () => Promise<Uint8Array<ArrayBuffer>> } | null;
}

export async function demonstrationSchool(
  framework: AppliedFramework,
  region: Region,
  now: Date = new Date(),
): Promise<DemonstrationSchool> {
  const stamp = now.toISOString();
  const school: School = {
    id: 'demo-school',
    name: 'Brookfield Demonstration Primary School',
    urn: DEMONSTRATION_URN,
    regionId: region.id,
    localAuthority: region.localAuthorities[0] ?? '',
    phases: ['early-years', 'primary'],
    setting: 'mainstream',
    lowestYear: 0,
    highestYear: 6,
    headTeacher: 'Alex Morgan',
    senco: 'Sam Patel',
    senGovernor: 'Jo Williams',
    pupilsOnRoll: 312,
    pupilsOnSenSupport: 41,
    pupilsWithEhcPlan: 6,
    resourcedProvision: false,
    lookedAfterOnRoll: true,
    createdAt: stamp,
    updatedAt: stamp,
  };
  const evaluation: Evaluation = {
    id: 'demo-evaluation',
    schoolId: school.id,
    title: `Self-evaluation ${now.getUTCFullYear()}`,
    regionId: region.id,
    framework: frameworkRef(framework.base),
    supplement: framework.supplement ? frameworkRef(framework.supplement) : null,
    carriedForwardFrom: null,
    createdAt: stamp,
    updatedAt: stamp,
  };

  const plans: EvidencePlan[] = [
    {
      title: 'SEN policy 2026',
      kind: 'policy',
      description: 'The policy agreed by governors in the spring term, with the review date.',
      heldAt: 'School website and office',
      file: { name: 'sen-policy-2026.pdf', type: 'application/pdf', bytes: policyPdf },
    },
    {
      title: 'Provision map, autumn term',
      kind: 'provision-map',
      description: 'Interventions by year group, with staff, frequency and cost. No pupil names.',
      heldAt: 'SENCO shared drive',
      file: { name: 'provision-map-autumn.csv', type: 'text/csv', bytes: async () => provisionMapCsv() },
    },
    {
      title: 'Sensory room photograph',
      kind: 'observation',
      description: 'The calm space used for regulation breaks, photographed without pupils.',
      heldAt: 'SENCO shared drive',
      file: { name: 'sensory-room.png', type: 'image/png', bytes: async () => sensoryRoomPng() },
    },
    {
      title: 'Parent forum notes, October',
      kind: 'parent-voice',
      description: 'Summary of what parents of pupils on SEN support said at the forum.',
      heldAt: 'Office, parent forum folder',
      file: { name: 'parent-forum-october.txt', type: 'text/plain', bytes: async () => utf8(PARENT_FORUM_NOTES) },
    },
    {
      title: 'Pupil plans (paper copies)',
      kind: 'pupil-plan',
      description: 'Current plans for pupils on SEN support, reviewed termly with parents.',
      heldAt: 'SEN office, locked cabinet 2',
      file: null,
    },
  ];

  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  const evidence: EvidenceItem[] = [];
  for (const [index, plan] of plans.entries()) {
    let file: EvidenceItem['file'] = null;
    if (plan.file) {
      const bytes = await plan.file.bytes();
      const sha256 = await sha256Hex(bytes);
      files.set(sha256, bytes);
      file = { name: plan.file.name, type: plan.file.type, size: bytes.length, sha256 };
    }
    evidence.push({
      id: `demo-evidence-${index + 1}`,
      schoolId: school.id,
      title: plan.title,
      kind: plan.kind,
      date: now.toISOString().slice(0, 10),
      description: plan.description,
      heldAt: plan.heldAt,
      containsPersonalData: false,
      redactionConfirmed: false,
      file,
      createdAt: stamp,
      updatedAt: stamp,
    });
  }

  const [strongest, second] = framework.scale.points;
  const responses: CriterionResponse[] = [];
  const links: EvidenceLink[] = [];
  for (const [index, criterion] of framework.criteria.entries()) {
    const judgement = index % 7 === 3 && !criterion.mandatory ? (second?.id ?? null) : (strongest?.id ?? null);
    responses.push({
      key: responseKey(evaluation.id, criterion.id),
      evaluationId: evaluation.id,
      criterionId: criterion.id,
      judgement,
      narrative: `Demonstration text. ${criterion.statement} We check this each term through learning walks, book looks and conversations with pupils and parents, and the SENCO reports to governors.`,
      nextSteps:
        judgement === strongest?.id ? '' : 'Share the practice of the strongest classes across the school by the end of the spring term.',
      updatedAt: stamp,
    });
    const item = evidence[index % evidence.length];
    if (item)
      links.push({
        key: evidenceLinkKey(evaluation.id, criterion.id, item.id),
        evaluationId: evaluation.id,
        criterionId: criterion.id,
        evidenceId: item.id,
      });
  }

  const firstIds = framework.criteria.slice(0, 3).map((c) => c.id);
  const actions: ActionItem[] = [
    action(
      'demo-action-1',
      evaluation.id,
      [firstIds[0]],
      'Train teaching assistants in precision teaching',
      'Sam Patel',
      'in-progress',
      now,
      60,
    ),
    action(
      'demo-action-2',
      evaluation.id,
      [firstIds[1]],
      'Hold a second parent forum in the summer term',
      'Alex Morgan',
      'not-started',
      now,
      150,
    ),
    action(
      'demo-action-3',
      evaluation.id,
      [firstIds[2]],
      'Review the provision map with the SEN governor',
      'Jo Williams',
      'done',
      now,
      -20,
    ),
  ];

  return { snapshot: { school, evaluation, framework, regionName: region.name, responses, links, evidence, actions }, files };
}

function action(
  id: string,
  evaluationId: string,
  criterionIds: (string | undefined)[],
  what: string,
  who: string,
  status: ActionItem['status'],
  now: Date,
  inDays: number,
): ActionItem {
  const byWhen = new Date(now.getTime() + inDays * 86_400_000).toISOString().slice(0, 10);
  return {
    id,
    evaluationId,
    criterionIds: criterionIds.filter((c): c is string => c !== undefined),
    what,
    who,
    byWhen,
    successCriteria: 'Seen in the next learning walk and reported to governors.',
    status,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

async function policyPdf(): Promise<Uint8Array<ArrayBuffer>> {
  return renderPdf({
    info: { title: 'SEN policy 2026 (demonstration)' },
    content: [
      { text: 'Brookfield Demonstration Primary School', fontSize: 16, bold: true },
      { text: 'Special educational needs policy, 2026', fontSize: 13, margin: [0, 6, 0, 12] },
      'This is a made-up policy for demonstrating the submission format. It contains no real school’s information.',
      {
        text: 'We identify needs early, plan support with pupils and parents, review it each term, and train every member of staff.',
        margin: [0, 8, 0, 0],
      },
    ],
  });
}

function provisionMapCsv(): Uint8Array<ArrayBuffer> {
  return makeCsv([
    ['Year group', 'Intervention', 'Staff', 'Sessions a week', 'Pupils', 'Cost a term (£)'],
    ['Year 1', 'Phonics catch-up', 'Teaching assistant', 5, 6, 900],
    ['Year 3', 'Precision teaching, number', 'Teaching assistant', 3, 4, 540],
    ['Year 5', 'Social communication group', 'SENCO', 1, 5, 300],
  ]);
}

function sensoryRoomPng(): Uint8Array<ArrayBuffer> {
  return makePng(96, 64, (x, y) => [120 + Math.round(x * 1.2), 160 + Math.round(y * 0.8), 200 - Math.round(x * 0.5)]);
}

const PARENT_FORUM_NOTES = `Parent forum, October (demonstration notes)

- Parents valued the termly plan reviews and asked for them to be offered after school as well.
- Two parents asked for more information about the move to secondary school.
- Everyone present knew how to contact the SENCO.
`;
