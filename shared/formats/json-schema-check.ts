import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';

/**
 * JSON Schema validation that reports each problem as a JSON pointer and a short sentence.
 * @cfworker/json-schema interprets the schema (it never compiles code with eval), so it runs
 * under the app's strict Content-Security-Policy, in workers and in Node alike.
 */
export interface SchemaProblem {
  /** JSON pointer into the checked document ("" is the whole document). */
  pointer: string;
  message: string;
}

/** Keywords that only say "something below went wrong"; the leaf errors say what. */
const WRAPPER_KEYWORDS = new Set(['$ref', 'allOf', 'if', 'then', 'properties', 'items', 'prefixItems', '$defs']);

export function createSchemaCheck(schema: object): (value: unknown) => SchemaProblem[] {
  const validator = new Validator(schema as Schema, '2020-12', false);
  return (value) => {
    const result = validator.validate(value);
    if (result.valid) return [];
    return describeErrors(schema, result.errors);
  };
}

function describeErrors(schema: object, errors: OutputUnit[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  // Errors under a oneOf are noise: the oneOf itself says what is wrong.
  const oneOfLocations = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instanceLocation);
  for (const error of errors) {
    if (WRAPPER_KEYWORDS.has(error.keyword)) continue;
    const pointer = toPointer(error.instanceLocation);
    if (
      error.keyword !== 'oneOf' &&
      error.keyword !== 'anyOf' &&
      oneOfLocations.some((loc) => error.instanceLocation === loc || error.instanceLocation.startsWith(`${loc}/`))
    ) {
      continue;
    }
    const described = describe(schema, error, pointer);
    if (!described) continue;
    const key = `${described.pointer}\u0000${described.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(described);
  }
  return problems;
}

function describe(schema: object, error: OutputUnit, pointer: string): SchemaProblem | null {
  const keywordValue = schemaAt(schema, error.keywordLocation);
  switch (error.keyword) {
    case 'required': {
      const match = /property "([^"]+)"/.exec(error.error);
      const name = match?.[1] ?? 'a property';
      return { pointer: `${pointer}/${escapePointer(name)}`, message: 'is required but missing' };
    }
    case 'false':
      // A property that is not in the schema (additionalProperties: false) or forbidden outright.
      return { pointer, message: 'is not allowed here' };
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return null; // reported by the 'false' error on the property itself
    case 'type':
      return { pointer, message: `must be ${article(String(keywordValue ?? 'another type'))}` };
    case 'const':
      return { pointer, message: `must be ${JSON.stringify(keywordValue)}` };
    case 'enum':
      return {
        pointer,
        message: `must be one of ${Array.isArray(keywordValue) ? keywordValue.map((v) => JSON.stringify(v)).join(', ') : 'the allowed values'}`,
      };
    case 'pattern':
      return { pointer, message: `must match ${String(keywordValue)}` };
    case 'minLength':
      return { pointer, message: `must be at least ${String(keywordValue)} characters long` };
    case 'maxLength':
      return { pointer, message: `must be at most ${String(keywordValue)} characters long` };
    case 'minItems':
      return { pointer, message: `must have at least ${String(keywordValue)} item${keywordValue === 1 ? '' : 's'}` };
    case 'maxItems':
      return { pointer, message: `must have at most ${String(keywordValue)} items` };
    case 'uniqueItems':
      return { pointer, message: 'must not repeat an item' };
    case 'minimum':
      return { pointer, message: `must be ${String(keywordValue)} or more` };
    case 'maximum':
      return { pointer, message: `must be ${String(keywordValue)} or less` };
    case 'exclusiveMinimum':
      return { pointer, message: `must be more than ${String(keywordValue)}` };
    case 'exclusiveMaximum':
      return { pointer, message: `must be less than ${String(keywordValue)}` };
    case 'oneOf':
    case 'anyOf':
      return { pointer, message: 'does not match any of the allowed forms' };
    case 'not':
      return { pointer, message: 'has a combination of properties that is not allowed' };
    default:
      return { pointer, message: error.error };
  }
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    object: 'an object',
    array: 'a list',
    null: 'null',
  };
  return words[type] ?? type;
}

function toPointer(instanceLocation: string): string {
  return instanceLocation.replace(/^#/, '');
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows a keyword location such as "#/$defs/criterion/properties/id/pattern" into the schema. */
function schemaAt(schema: object, keywordLocation: string): unknown {
  const path = keywordLocation
    .replace(/^[^#]*#/, '')
    .split('/')
    .slice(1);
  let node: unknown = schema;
  for (const raw of path) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
    // The validator reports locations through references ("…/$ref/properties/id"): follow them.
    if (segment === '$ref' && typeof node === 'string' && node.startsWith('#')) node = schemaAt(schema, node);
  }
  return node;
}
