/** The end-to-end files `npm test` runs after the component tests, in their lane. */
export declare const AFTER_COMPONENT_TESTS: readonly string[];
/** Vitest's arguments for one lane ('after-component' or 'beside-component'), or null for another name. */
export declare function laneArguments(lane: string): string[] | null;
