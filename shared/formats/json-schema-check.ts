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

/**
 * Numbers JSON Schema lets through that the app cannot use are refused as well: a number that is
 * not finite (JSON text such as 1e400 reads as Infinity) anywhere in the document, and a whole
 * number past Number.MAX_SAFE_INTEGER wherever the schema asks for an integer.
 */
export function createSchemaCheck(schema: object): (value: unknown) => SchemaProblem[] {
  // Prepared on first use, not when the module is loaded: modules make their checks at their top
  // level, and the app's start loads several it does not use before its first screen.
  let prepared: { bounded: object; validator: Validator } | null = null;
  return (value) => {
    const nonFinite = firstNonFiniteNumber(value);
    if (nonFinite !== null)
      return [{ pointer: nonFinite, message: 'must be a number small enough to use (it is too large, or not a number)' }];
    if (prepared === null) {
      const bounded = withSafeIntegers(schema);
      prepared = { bounded, validator: new Validator(bounded as Schema, '2020-12', false) };
    }
    const result = prepared.validator.validate(value);
    if (result.valid) return [];
    return describeErrors(prepared.bounded, result.errors);
  };
}

/** A copy of the schema where every integer is also bounded to the safe integers (unless bounded tighter already). */
function withSafeIntegers(schema: object): object {
  const copy = structuredClone(schema) as Record<string, unknown>;
  const pending: unknown[] = [copy];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      pending.push(...(node as unknown[]));
      continue;
    }
    const record = node as Record<string, unknown>;
    const type = record.type;
    if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) {
      if (typeof record.maximum !== 'number' || record.maximum > Number.MAX_SAFE_INTEGER) record.maximum = Number.MAX_SAFE_INTEGER;
      if (typeof record.minimum !== 'number' || record.minimum < Number.MIN_SAFE_INTEGER) record.minimum = Number.MIN_SAFE_INTEGER;
    }
    for (const [key, child] of Object.entries(record)) {
      // Enum and const values are data, not schemas.
      if (key !== 'enum' && key !== 'const' && key !== 'examples' && key !== 'default') pending.push(child);
    }
  }
  return copy;
}

/** The JSON pointer of the first number that is NaN or infinite, or null. Walks without recursion. */
export function firstNonFiniteNumber(value: unknown): string | null {
  const pending: { value: unknown; pointer: string }[] = [{ value, pointer: '' }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    const item = next.value;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return next.pointer;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i -= 1) pending.push({ value: item[i] as unknown, pointer: `${next.pointer}/${i}` });
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i]!;
        pending.push({ value: child, pointer: `${next.pointer}/${escapePointer(key)}` });
      }
    }
  }
  return null;
}

function describeErrors(schema: object, errors: OutputUnit[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  // Errors under a oneOf are noise: the oneOf itself says what is wrong.
  const oneOfLocations = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instanceLocation));
  /** True when the location is one of a oneOf's, or inside one (looked up per level, so linear in the errors). */
  const underOneOf = (location: string): boolean => {
    for (let at = location; ; at = at.slice(0, at.lastIndexOf('/'))) {
      if (oneOfLocations.has(at)) return true;
      if (!at.includes('/')) return false;
    }
  };
  for (const error of errors) {
    if (WRAPPER_KEYWORDS.has(error.keyword)) continue;
    const pointer = toPointer(error.instanceLocation);
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf' && oneOfLocations.size > 0 && underOneOf(error.instanceLocation)) continue;
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
      if (keywordValue === Number.MIN_SAFE_INTEGER) return { pointer, message: 'must be a whole number small enough to use' };
      return { pointer, message: `must be ${String(keywordValue)} or more` };
    case 'maximum':
      if (keywordValue === Number.MAX_SAFE_INTEGER) return { pointer, message: 'must be a whole number small enough to use' };
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
