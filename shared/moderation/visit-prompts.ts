import type { AppliedFramework } from '../framework/applied-framework';
import type { VisitAudience, VisitTimetableRow } from './visit-timetable';

/**
 * Questions for an interview on the visit: for each sampled criterion the interview covers, one
 * question for each group it is with, worded for them from the criterion's short title, statement
 * and strand. Pure; the wording is this app's own.
 */
export interface InterviewPrompt {
  criterionId: string;
  audience: VisitAudience;
  question: string;
}

/** "The SENCO has protected time …" → "the SENCO has protected time …"; keeps an acronym's capitals. */
function lowerFirst(text: string): string {
  const trimmed = text.trim().replace(/[.\s]+$/, '');
  if (/^[A-Z]{2}/.test(trimmed)) return trimmed;
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

/** The question for one group about one criterion. */
export function promptFor(audience: VisitAudience, criterion: { title: string; statement: string }, strandTitle: string): string {
  const title = lowerFirst(criterion.title || criterion.statement);
  const statement = criterion.statement.trim();
  const topic = lowerFirst(strandTitle);
  switch (audience) {
    case 'pupils':
      return `We are finding out about ${topic}. The school says that ${title}. What is that like for you? What helps you most, and what would you change?`;
    case 'parents':
      return `The school says: “${statement}” Is that how it has been for your family? Can you tell me about a time it went well, or did not?`;
    case 'staff':
      return `The school says: “${statement}” What do you do in a normal week that shows this, and how do you know it makes a difference for pupils with SEND?`;
    case 'governors':
      return `How do governors or trustees know that ${title}? What did you last see, ask for or challenge about it, and what changed?`;
    case 'senco':
      return `Show me how you know that ${title}. Which records would you point me to, and what have you changed because of them?`;
    case 'head-teacher':
      return `How do leaders make sure that ${title}, in every class and every year? What would tell you it had started to slip?`;
  }
}

/**
 * The prompts for a timetable row: none unless it is an interview; otherwise, for each criterion it
 * covers (in the row's order) and each group it is with (in the form's order), one question. A
 * criterion not in the framework is skipped.
 */
export function interviewPrompts(
  framework: Pick<AppliedFramework, 'criterionById' | 'strands'>,
  row: Pick<VisitTimetableRow, 'activity' | 'withWhom' | 'criterionIds'>,
): InterviewPrompt[] {
  if (row.activity !== 'interview') return [];
  const prompts: InterviewPrompt[] = [];
  for (const criterionId of row.criterionIds) {
    const criterion = framework.criterionById.get(criterionId);
    if (!criterion) continue;
    const strandTitle = framework.strands.find((s) => s.id === criterion.strandId)?.title ?? 'this part of the school’s work';
    for (const audience of row.withWhom) prompts.push({ criterionId, audience, question: promptFor(audience, criterion, strandTitle) });
  }
  return prompts;
}
