/**
 * The words of the app's teaching help: the getting-started guide, the round of accreditation as
 * numbered stages, and when the home screen shows the guide. Pure data and rules, so the home
 * screen, the Help screen and the diagram all say the same thing.
 */

/** One step of the getting-started guide for a school's SENCO. */
export interface GuideStep {
  title: string;
  detail: string;
}

/** What a SENCO does, in order, from a fresh install to the moderator's report. */
export const SENCO_STEPS: readonly GuideStep[] = [
  {
    title: 'Set up your school and its profile',
    detail: 'Enter the school’s name, URN, region and local authority, then the profile: phases, numbers on roll and on SEN support.',
  },
  {
    title: 'Start an evaluation on your region’s 2026 edition',
    detail: 'The app offers the criteria your regional partnership uses this year. Mark any criterion that does not apply, with a reason.',
  },
  {
    title: 'Judge each criterion',
    detail: 'Choose a judgement, write a narrative saying why, and link the evidence that shows it (documents, photos, records).',
  },
  {
    title: 'Plan actions',
    detail: 'For anything you want to improve, add an action with an owner and a date.',
  },
  {
    title: 'Get the head teacher’s approval',
    detail: 'The head teacher (or a governor or trustee) reviews a summary and approves it. Any later change asks for approval again.',
  },
  {
    title: 'Export the signed PDF',
    detail: 'The app checks what is missing, then saves one PDF holding the evaluation, its evidence and the school’s digital signature.',
  },
  {
    title: 'Send it to your moderator',
    detail: 'Use the way your partnership asks: secure email, its shared folder or a USB stick. Do not change the file.',
  },
  {
    title: 'Import the report that comes back',
    detail:
      'The moderator returns a signed report with the outcome. Import it to see the award and add its recommendations to your actions.',
  },
];

/** The one line for a regional moderator. */
export const MODERATOR_LINE =
  'Moderators: set up a moderator workspace, import the signed PDFs schools send you, review each one (at your desk, then on a visit) and export a signed report for the school.';

/** Who does a stage of the round. */
export type RoundActor = 'school' | 'moderator';

/** One stage of the whole round of accreditation, as the Help screen's diagram draws it. */
export interface RoundStage {
  /** A short label that fits in the diagram's box. */
  label: string;
  /** The same stage in a full sentence, for the list beside the diagram. */
  description: string;
  actor: RoundActor;
  /** A second, smaller line in the diagram's box. */
  note?: string;
}

/** The round: the school evaluates and sends; the moderator reviews and reports; the school acts. */
export const ROUND_STAGES: readonly RoundStage[] = [
  { label: 'Evaluate', description: 'The school judges each criterion and writes why.', actor: 'school' },
  { label: 'Evidence', description: 'The school links the evidence for each judgement.', actor: 'school' },
  { label: 'Approve', description: 'The head teacher (or a governor or trustee) approves the evaluation.', actor: 'school' },
  { label: 'Export', description: 'The school exports one signed PDF.', actor: 'school' },
  { label: 'Send', description: 'The school sends the PDF to its regional moderator.', actor: 'school' },
  {
    label: 'Moderator reviews',
    note: 'desk review, then visit',
    description: 'The moderator checks the signature, reviews the evaluation at their desk, then on a visit to the school.',
    actor: 'moderator',
  },
  { label: 'Signed report back', description: 'The moderator sends back a signed report with the outcome.', actor: 'moderator' },
  { label: 'Actions', description: 'The school imports the report and plans its actions for next time.', actor: 'school' },
];

/** Where the guide's dismissal is kept on this computer. */
export const GUIDE_PREFERENCE_KEY = 'sen-accreditation.getting-started';

/**
 * What the user chose about the guide: nothing yet, hidden it, or asked from Help to see it on the
 * home screen again.
 */
export type GuidePreference = 'unset' | 'dismissed' | 'requested';

/** Reads a stored preference; anything unknown or missing counts as not chosen yet. */
export function parseGuidePreference(stored: string | null): GuidePreference {
  return stored === 'dismissed' || stored === 'requested' ? stored : 'unset';
}

/**
 * Whether the home screen shows the guide: on first run (no school and no moderator workspace
 * yet) unless it was hidden, and whenever it was asked for again from Help. Nothing is shown while
 * the workspaces are still loading (undefined), so it does not flash up on a busy install.
 */
export function showGettingStarted(
  schools: number | undefined,
  moderatorWorkspaces: number | undefined,
  preference: GuidePreference,
): boolean {
  if (preference === 'requested') return true;
  if (preference === 'dismissed') return false;
  return schools === 0 && moderatorWorkspaces === 0;
}
