import { LONG_TEXT_MAX_CHARS, SHORT_TEXT_MAX_CHARS, tooLongMessage } from '../formats/field-limits';

/** The school's action plan: what it will do to improve, linked to criteria. */
export const ACTION_STATUSES = [
  { id: 'not-started', label: 'Not started' },
  { id: 'in-progress', label: 'In progress' },
  { id: 'done', label: 'Done' },
] as const;

export type ActionStatus = (typeof ACTION_STATUSES)[number]['id'];

export interface ActionItem {
  id: string;
  evaluationId: string;
  criterionIds: string[];
  what: string;
  who: string;
  /** yyyy-mm-dd, or '' */
  byWhen: string;
  successCriteria: string;
  status: ActionStatus;
  createdAt: string;
  updatedAt: string;
}

export type ActionSortKey = 'byWhen' | 'status' | 'who' | 'criterion' | 'what';

export function actionStatusLabel(status: ActionStatus): string {
  return ACTION_STATUSES.find((s) => s.id === status)?.label ?? status;
}

export function actionProblems(
  action: Pick<ActionItem, 'what' | 'who' | 'byWhen' | 'criterionIds'> & Partial<Pick<ActionItem, 'successCriteria'>>,
): Partial<Record<'what' | 'who' | 'byWhen' | 'criterionIds' | 'successCriteria', string>> {
  const errors: Partial<Record<'what' | 'who' | 'byWhen' | 'criterionIds' | 'successCriteria', string>> = {};
  if (action.what.trim() === '') errors.what = 'Say what will be done';
  else {
    const long = tooLongMessage('What will be done', action.what, SHORT_TEXT_MAX_CHARS);
    if (long) errors.what = long;
  }
  const who = tooLongMessage('Who will do it', action.who, SHORT_TEXT_MAX_CHARS);
  if (who) errors.who = who;
  const success = tooLongMessage('The success criteria', action.successCriteria ?? '', LONG_TEXT_MAX_CHARS);
  if (success) errors.successCriteria = success;
  if (action.byWhen !== '' && !isRealDate(action.byWhen)) errors.byWhen = 'Enter a real date, for example 31 March 2027';
  if (action.criterionIds.length === 0) errors.criterionIds = 'Link the action to at least one criterion';
  return errors;
}

/** Sorts a copy of the actions; empty values sort last whichever way. */
export function sortActions(
  actions: readonly ActionItem[],
  key: ActionSortKey,
  direction: 'ascending' | 'descending',
  criterionOrder: readonly string[],
): ActionItem[] {
  const statusRank = (s: ActionStatus) => ACTION_STATUSES.findIndex((x) => x.id === s);
  const criterionRank = (a: ActionItem): number | '' => {
    const ranks = a.criterionIds.map((id) => criterionOrder.indexOf(id)).filter((i) => i >= 0);
    return ranks.length === 0 ? '' : Math.min(...ranks);
  };
  const value = (a: ActionItem): string | number => {
    switch (key) {
      case 'byWhen':
        return a.byWhen;
      case 'status':
        return statusRank(a.status);
      case 'who':
        return a.who.toLowerCase();
      case 'criterion':
        return criterionRank(a);
      case 'what':
        return a.what.toLowerCase();
    }
  };
  const sign = direction === 'ascending' ? 1 : -1;
  return [...actions].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const emptyA = va === '';
    const emptyB = vb === '';
    if (emptyA !== emptyB) return emptyA ? 1 : -1;
    if (va < vb) return -sign;
    if (va > vb) return sign;
    return a.createdAt.localeCompare(b.createdAt);
  });
}

/** A yyyy-mm-dd date that exists on the calendar (not 30 February). */
export function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
