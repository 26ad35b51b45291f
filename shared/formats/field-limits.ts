import { formatCount } from './en-gb-counts';

/**
 * How long the texts in the app's files may be, and how many items their lists may hold. The JSON
 * schemas of submissions, moderation reports and frameworks use these numbers (a unit test holds
 * them to each other), and the app's own forms say so before a text goes past one.
 */

/**
 * Narratives, next steps, evidence descriptions, success criteria and moderators' comments. The
 * same bound the formats have had since their first version, so every file made before still reads.
 */
export const LONG_TEXT_MAX_CHARS = 100_000;
/** Titles, statements, where evidence is held, who does an action, names of schools and regions, file names. */
export const SHORT_TEXT_MAX_CHARS = 1_000;
/** Names of people and of a local authority. */
export const NAME_MAX_CHARS = 200;
/** Responses, evidence items, actions, and the links between them, in one submission or report. */
export const LIST_MAX_ITEMS = 5_000;
/** Conditions of an award, and the points of each list of a moderator's feedback (strengths, areas for development, recommendations). */
export const OUTCOME_LIST_MAX_ITEMS = 50;

/** A framework's description, and its longer texts. */
export const FRAMEWORK_DESCRIPTION_MAX_CHARS = 5_000;
/** A framework's shorter texts: a level's description, a strand's or an award's summary. */
export const FRAMEWORK_TEXT_MAX_CHARS = 1_000;
/** Strands in a framework, standards in a strand, criteria in a standard (their ids have at most two digits). */
export const FRAMEWORK_MAX_CHILDREN = 99;
/** Award levels, and awards, in a framework. */
export const FRAMEWORK_MAX_LEVELS = 10;
/** Rules of one award. */
export const FRAMEWORK_MAX_RULES = 20;

/**
 * A plain message when `text` is longer than `max` characters, else null. `what` names the field
 * as a sentence would ("The narrative").
 */
export function tooLongMessage(what: string, text: string, max: number): string | null {
  if (text.length <= max) return null;
  return `${what} is ${formatCount(text.length)} characters long; it can be at most ${formatCount(max)}. Shorten it by ${formatCount(text.length - max)} character${text.length - max === 1 ? '' : 's'}.`;
}
