import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaToTypeScript, UnsupportedSchemaError, type Json } from '../../build/schema-to-typescript';
import { checkSchemaTypes, driftMessage, generatedTypes, readSchema, repositoryPath, SCHEMA_TYPES_TARGETS } from '../../build/schema-types';

/** The declarations the generator writes for `schema`, without the header, with runs of white space as one space. */
function declarations(schema: Json, names?: Record<string, string>): string {
  const source = schemaToTypeScript(schema, { rootName: 'T', schemaPath: 'test.schema.json', ...(names ? { names } : {}) });
  return source
    .slice(source.indexOf('*/') + 2)
    .replace(/\s+/g, ' ')
    .trim();
}

const defs = { $defs: { name: { type: 'string' } } };

describe('schemaToTypeScript: each construct the project’s schemas use', () => {
  const cases: { construct: string; schema: Json; expected: string }[] = [
    { construct: 'type string', schema: { type: 'string', minLength: 1, pattern: '\\S' }, expected: 'export type T = string;' },
    { construct: 'type number', schema: { type: 'number', exclusiveMinimum: 0 }, expected: 'export type T = number;' },
    { construct: 'type integer', schema: { type: 'integer', minimum: 0 }, expected: 'export type T = number;' },
    { construct: 'type boolean', schema: { type: 'boolean' }, expected: 'export type T = boolean;' },
    { construct: 'type null', schema: { type: 'null' }, expected: 'export type T = null;' },
    { construct: 'a list of types', schema: { type: ['string', 'null'] }, expected: 'export type T = string | null;' },
    { construct: 'const string', schema: { const: 'crosswalk' }, expected: 'export type T = "crosswalk";' },
    { construct: 'const number', schema: { const: 2 }, expected: 'export type T = 2;' },
    { construct: 'const true', schema: { const: true }, expected: 'export type T = true;' },
    { construct: 'enum, with null', schema: { enum: [null, 'agree', 1] }, expected: 'export type T = null | "agree" | 1;' },
    { construct: 'array of a type', schema: { type: 'array', items: { type: 'string' } }, expected: 'export type T = string[];' },
    { construct: 'array of a union', schema: { type: 'array', items: { enum: ['a', 'b'] } }, expected: 'export type T = ("a" | "b")[];' },
    { construct: 'array without items', schema: { type: 'array', minItems: 1 }, expected: 'export type T = unknown[];' },
    {
      construct: '$ref to $defs',
      schema: { ...defs, type: 'array', items: { $ref: '#/$defs/name' } },
      expected: 'export type T = Name[]; export type Name = string;',
    },
    { construct: 'oneOf', schema: { oneOf: [{ type: 'null' }, { type: 'integer' }] }, expected: 'export type T = null | number;' },
    { construct: 'anyOf', schema: { anyOf: [{ type: 'string' }, { type: 'boolean' }] }, expected: 'export type T = string | boolean;' },
    {
      construct: 'true (any value) and false (no value)',
      schema: { type: 'object', additionalProperties: false, properties: { anything: true, absent: false } },
      expected: 'export interface T { anything?: unknown; absent?: never; }',
    },
    {
      construct: 'object with required and optional properties, additionalProperties false',
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['a'],
        properties: { a: { type: 'string' }, b: { type: 'integer' } },
      },
      expected: 'export interface T { a: string; b?: number; }',
    },
    {
      construct: 'a property name that is not an identifier',
      schema: { type: 'object', additionalProperties: false, properties: { 'point-id': { type: 'string' }, $schema: { type: 'string' } } },
      expected: 'export interface T { "point-id"?: string; $schema?: string; }',
    },
    {
      construct: 'object as a map (additionalProperties a schema)',
      schema: { type: 'object', minProperties: 2, propertyNames: { pattern: '^[a-z]+$' }, additionalProperties: { type: 'string' } },
      expected: 'export type T = Record<string, string>;',
    },
    {
      construct: 'object with nothing said of its properties',
      schema: { type: 'object' },
      expected: 'export type T = Record<string, unknown>;',
    },
    {
      construct: 'object inside a union is written inline',
      schema: {
        oneOf: [
          { type: 'null' },
          { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string' } } },
        ],
      },
      expected: 'export type T = null | { reason: string; };',
    },
    {
      construct: 'description as a doc comment',
      schema: {
        description: 'A thing.',
        type: 'object',
        additionalProperties: false,
        properties: { a: { description: 'Never */ closes early.', type: 'string' } },
      },
      expected: '/** A thing. */ export interface T { /** Never *\u200b/ closes early. */ a?: string; }',
    },
    {
      construct: 'if/then/else on a value',
      schema: { if: { type: 'null' }, then: true, else: { type: 'integer', minimum: 1900 } },
      expected: 'export type T = null | number;',
    },
    {
      construct: 'allOf of if/then on an object: one variant per value (required, properties false, not required)',
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['kind'],
        properties: { kind: { enum: ['framework', 'supplement'] }, scale: { type: 'string' }, extends: { type: 'string' } },
        allOf: [
          { if: { properties: { kind: { const: 'framework' } } }, then: { required: ['scale'], not: { required: ['extends'] } } },
          { if: { properties: { kind: { const: 'supplement' } } }, then: { required: ['extends'], properties: { scale: false } } },
        ],
      },
      expected: 'export type T = { kind: "framework"; scale: string; } | { kind: "supplement"; extends: string; };',
    },
    {
      construct: 'allOf of if/then on an object: a clause on an enum, a clause that narrows a property',
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['v', 'list'],
        properties: { v: { enum: [1, 2, 3] }, list: { type: 'array' } },
        allOf: [
          { if: { properties: { v: { enum: [1, 2] } } }, then: { properties: { list: { items: { type: 'string' } } } } },
          { if: { required: ['v'], properties: { v: { const: 3 } } }, then: { properties: { list: { items: { type: 'integer' } } } } },
        ],
      },
      expected: 'export type T = { v: 1; list: string[]; } | { v: 2; list: string[]; } | { v: 3; list: number[]; };',
    },
    {
      construct: 'names given to subschemas',
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string' } } },
          },
        },
      },
      expected: 'export interface T { items: Item[]; } export interface Item { id: string; }',
    },
  ];

  it.each(cases)('$construct', ({ schema, expected }) => {
    const names = expected.includes('Item') ? { '#/properties/items/items': 'Item' } : undefined;
    expect(declarations(schema, names)).toBe(expected);
  });

  it('starts with a header that says the file is generated, from which schema, and how to regenerate it', () => {
    const source = schemaToTypeScript({ type: 'string' }, { rootName: 'T', schemaPath: 'criteria/schema/x.schema.json' });
    expect(source.split('\n').slice(0, 5).join('\n')).toMatch(
      /Generated from criteria\/schema\/x\.schema\.json .*Do not edit[\s\S]*npm run types:generate/,
    );
  });
});

describe('schemaToTypeScript: refuses what it does not understand, naming where it is', () => {
  const refused: { what: string; schema: Json; message: RegExp }[] = [
    { what: 'an unknown keyword', schema: { type: 'object', patternProperties: {} }, message: /at # uses the keyword "patternProperties"/ },
    { what: 'a $ref outside $defs', schema: { $ref: 'other.json#/x' }, message: /at # uses a "\$ref" to other\.json#\/x/ },
    { what: 'a $ref to a missing definition', schema: { ...defs, items: { $ref: '#/$defs/nope' } }, message: /at #\/items uses a "\$ref"/ },
    {
      what: 'an object open to other properties',
      schema: { type: 'object', properties: { a: { type: 'string' } } },
      message: /without "additionalProperties": false/,
    },
    {
      what: 'an allOf that is not if/then',
      schema: { type: 'object', additionalProperties: false, properties: {}, allOf: [{ required: ['a'] }] },
      message: /at #\/allOf\/0 uses an "allOf" entry other than/,
    },
    {
      what: 'a condition on a property that may be absent',
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: { kind: { enum: ['a', 'b'] } },
        allOf: [{ if: { properties: { kind: { const: 'a' } } }, then: { required: [] } }],
      },
      message: /condition on "kind", which may be absent/,
    },
    {
      what: 'required naming a property with no schema',
      schema: { type: 'object', additionalProperties: false, required: ['b'], properties: { a: { type: 'string' } } },
      message: /"required" naming "b"/,
    },
    { what: 'a type beside a oneOf', schema: { type: 'object', oneOf: [{ type: 'null' }] }, message: /"type" beside "oneOf"/ },
  ];

  it.each(refused)('$what', ({ schema, message }) => {
    expect(() => schemaToTypeScript(schema, { rootName: 'T', schemaPath: 'x' })).toThrow(UnsupportedSchemaError);
    expect(() => schemaToTypeScript(schema, { rootName: 'T', schemaPath: 'x' })).toThrow(message);
  });
});

describe('types:check', () => {
  it('passes on the committed generated files', async () => {
    expect(await checkSchemaTypes()).toEqual([]);
  });

  it('fails, naming the generated file, when a schema gains a property the file lacks', async () => {
    const target = SCHEMA_TYPES_TARGETS.find((t) => t.output === 'shared/framework/framework-file-v2.generated.ts')!;
    const schema = readSchema(target) as { $defs: { criterion: { properties: Record<string, Json> } } };
    schema.$defs.criterion.properties.moderatorNote = { description: 'Added in this test.', type: 'string' };
    const committed = readFileSync(repositoryPath(target.output), 'utf8');

    const expected = await generatedTypes(target, schema as unknown as Json);

    expect(expected).toMatch(/moderatorNote\?: string;/);
    expect(committed).not.toMatch(/moderatorNote/);
    const message = driftMessage(target, committed, expected);
    expect(message).toContain('shared/framework/framework-file-v2.generated.ts does not match criteria/schema/framework-v2.schema.json');
    expect(message).toContain('npm run types:generate');
  });

  it('says a generated file is missing, and how to write it', () => {
    const target = SCHEMA_TYPES_TARGETS[0]!;
    expect(driftMessage(target, null, 'x')).toBe(
      `${target.output} is missing: it holds the types of ${target.schema}. Run "npm run types:generate" and commit the file it writes.`,
    );
    expect(driftMessage(target, 'x', 'x')).toBeNull();
  });
});
