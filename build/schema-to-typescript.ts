/**
 * Turns one of the project's JSON Schemas (draft 2020-12) into TypeScript types. Pure: no files,
 * no Node built-ins, so a unit test can run it on a schema changed in memory.
 *
 * It understands the part of JSON Schema the project's schemas use, and refuses anything else
 * with an error that names the keyword and where it is, so a schema can never quietly gain a
 * construct whose type would come out wrong:
 * - `type` (string, number, integer, boolean, null, array, object, or a list of them), `const`, `enum`;
 * - objects: `properties`, `required`, `additionalProperties` (false, true or a schema);
 * - arrays: `items`;
 * - `$ref` to `#/$defs/...`, `oneOf` and `anyOf` (a union), `true` (any value) and `false` (none);
 * - on an object, `allOf` of `if`/`then` clauses that switch on one property's `const` or `enum`
 *   (the object becomes one variant per value of that property, each with the clauses that match
 *   it applied: `then.required` makes properties required, `then.properties` narrows them or, with
 *   `false`, removes them, `then.not.required` removes them);
 * - on a value, `if`/`then`/`else` (either branch).
 * Keywords that only restrict a value TypeScript cannot express (pattern, lengths, ranges,
 * uniqueItems...) are read past. `description` becomes a doc comment.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SchemaObject = { [key: string]: Json };

export interface SchemaTypesOptions {
  /** The name of the type the whole schema describes. */
  rootName: string;
  /** The schema's path in the repository, for the header. */
  schemaPath: string;
  /**
   * Names for subschemas, by JSON pointer (e.g. "#/$defs/scale" or "#/properties/school"): each
   * becomes an exported type of that name. Every entry of $defs is exported anyway, under its
   * key in PascalCase unless named here.
   */
  names?: Readonly<Record<string, string>>;
}

/** A schema construct the generator does not understand, with where it is. */
export class UnsupportedSchemaError extends Error {
  constructor(pointer: string, what: string) {
    super(`The schema at ${pointer} uses ${what}, which build/schema-to-typescript.ts cannot turn into a type.`);
    this.name = 'UnsupportedSchemaError';
  }
}

/** Keywords that restrict a value in ways a type does not show, or only annotate it. */
const READ_PAST = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'examples',
  'default',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'propertyNames',
  'format',
]);
const UNDERSTOOD = new Set([
  ...READ_PAST,
  'description',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  '$ref',
  '$defs',
  'oneOf',
  'anyOf',
  'allOf',
  'if',
  'then',
  'else',
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function isObject(value: Json | undefined): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function pascalCase(key: string): string {
  return key
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function literal(value: Json, pointer: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  throw new UnsupportedSchemaError(pointer, 'an object or array as a const or enum value');
}

function docComment(description: Json | undefined): string {
  if (typeof description !== 'string') return '';
  const lines = description.replace(/\*\//g, '*\u200b/').split('\n');
  return lines.length === 1 ? `/** ${lines[0]} */\n` : `/**\n${lines.map((line) => ` * ${line}`.trimEnd()).join('\n')}\n */\n`;
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  if (unique.includes('unknown')) return 'unknown';
  const rest = unique.filter((type) => type !== 'never');
  return rest.length === 0 ? 'never' : rest.join(' | ');
}

function stringList(value: Json | undefined, pointer: string, keyword: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new UnsupportedSchemaError(pointer, `a "${keyword}" that is not a list of names`);
  }
  return value;
}

interface Variant {
  /** Each property's schema, with the pointer it is found at (where a name given to it applies). */
  properties: Map<string, { schema: Json; pointer: string }>;
  required: Set<string>;
}

class Generator {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly root: SchemaObject,
    options: SchemaTypesOptions,
  ) {
    this.names.set('#', options.rootName);
    const defs = root.$defs;
    if (defs !== undefined && !isObject(defs)) throw new UnsupportedSchemaError('#/$defs', 'a "$defs" that is not an object');
    for (const key of Object.keys(defs ?? {})) this.names.set(`#/$defs/${key}`, pascalCase(key));
    for (const [pointer, name] of Object.entries(options.names ?? {})) {
      if (this.resolve(pointer) === undefined) throw new UnsupportedSchemaError(pointer, 'a name for a subschema that does not exist');
      this.names.set(pointer, name);
    }
    const seen = new Map<string, string>();
    for (const [pointer, name] of this.names) {
      if (!IDENTIFIER.test(name)) throw new UnsupportedSchemaError(pointer, `the type name "${name}", which is not an identifier`);
      const other = seen.get(name);
      if (other !== undefined) throw new UnsupportedSchemaError(pointer, `the type name "${name}", already given to ${other}`);
      seen.set(name, pointer);
    }
  }

  /** Every named type, the root first, then $defs in order, then the other names given. */
  declarations(): string[] {
    return [...this.names].map(([pointer, name]) => this.declaration(pointer, name));
  }

  private resolve(pointer: string): Json | undefined {
    if (!pointer.startsWith('#')) return undefined;
    let node: Json | undefined = this.root;
    for (const raw of pointer.slice(1).split('/').slice(1)) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(node)) node = node[Number(key)];
      else if (isObject(node)) node = node[key];
      else return undefined;
    }
    return node;
  }

  private declaration(pointer: string, name: string): string {
    const schema = this.resolve(pointer)!;
    const doc = isObject(schema) ? docComment(schema.description) : '';
    if (isObject(schema) && this.isPlainObject(schema)) {
      return `${doc}export interface ${name} ${this.objectType(schema, pointer)}\n`;
    }
    return `${doc}export type ${name} = ${this.typeOf(schema, pointer, true)};\n`;
  }

  /** An object with properties and no variants: written as an interface. */
  private isPlainObject(schema: SchemaObject): boolean {
    return (
      schema.type === 'object' &&
      isObject(schema.properties) &&
      schema.allOf === undefined &&
      schema.oneOf === undefined &&
      schema.anyOf === undefined &&
      schema.additionalProperties === false
    );
  }

  private typeOf(schema: Json, pointer: string, declaring = false): string {
    if (!declaring && this.names.has(pointer)) return this.names.get(pointer)!;
    if (schema === true) return 'unknown';
    if (schema === false) return 'never';
    if (!isObject(schema)) throw new UnsupportedSchemaError(pointer, 'a value that is not a schema');
    for (const keyword of Object.keys(schema)) {
      if (!UNDERSTOOD.has(keyword)) throw new UnsupportedSchemaError(pointer, `the keyword "${keyword}"`);
    }
    if (schema.$defs !== undefined && pointer !== '#') throw new UnsupportedSchemaError(pointer, '"$defs" below the top of the schema');

    if (typeof schema.$ref === 'string') {
      if (!this.names.has(schema.$ref) || !schema.$ref.startsWith('#/$defs/')) {
        throw new UnsupportedSchemaError(pointer, `a "$ref" to ${schema.$ref} (only "#/$defs/..." entries that exist)`);
      }
      this.onlyAnnotations(schema, pointer, ['$ref']);
      return this.names.get(schema.$ref)!;
    }
    if (schema.$ref !== undefined) throw new UnsupportedSchemaError(pointer, 'a "$ref" that is not a string');

    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const branches = schema[keyword];
      if (branches === undefined) continue;
      if (!Array.isArray(branches) || branches.length === 0) throw new UnsupportedSchemaError(pointer, `a "${keyword}" that is not a list`);
      this.onlyAnnotations(schema, pointer, [keyword]);
      return union(branches.map((branch, index) => this.typeOf(branch, `${pointer}/${keyword}/${index}`)));
    }

    if (schema.if !== undefined && schema.allOf === undefined) {
      this.onlyAnnotations(schema, pointer, ['if', 'then', 'else']);
      const whenTrue =
        schema.then === undefined || schema.then === true
          ? this.typeOf(schema.if, `${pointer}/if`)
          : this.typeOf(schema.then, `${pointer}/then`);
      const whenFalse = schema.else === undefined ? 'unknown' : this.typeOf(schema.else, `${pointer}/else`);
      return union([whenTrue, whenFalse]);
    }

    if (schema.const !== undefined) {
      this.onlyAnnotations(schema, pointer, ['const', 'type']);
      return literal(schema.const, `${pointer}/const`);
    }
    if (schema.enum !== undefined) {
      if (!Array.isArray(schema.enum) || schema.enum.length === 0)
        throw new UnsupportedSchemaError(pointer, 'an "enum" that is not a list');
      this.onlyAnnotations(schema, pointer, ['enum', 'type']);
      return union(schema.enum.map((value, index) => literal(value, `${pointer}/enum/${index}`)));
    }

    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.length === 0) {
      if (schema.properties !== undefined || schema.additionalProperties !== undefined || schema.allOf !== undefined) {
        return this.objectType(schema, pointer);
      }
      if (schema.items !== undefined) return this.arrayType(schema, pointer);
      this.onlyAnnotations(schema, pointer, []);
      return 'unknown';
    }
    return union(
      types.map((type) => {
        switch (type) {
          case 'string':
            return 'string';
          case 'number':
          case 'integer':
            return 'number';
          case 'boolean':
            return 'boolean';
          case 'null':
            return 'null';
          case 'array':
            return this.arrayType(schema, pointer);
          case 'object':
            return this.objectType(schema, pointer);
          default:
            throw new UnsupportedSchemaError(pointer, `the type ${JSON.stringify(type)}`);
        }
      }),
    );
  }

  /** Refuses a keyword beside `allowed` that would change the type (not an annotation or restriction). */
  private onlyAnnotations(schema: SchemaObject, pointer: string, allowed: string[]): void {
    for (const keyword of Object.keys(schema)) {
      if (!READ_PAST.has(keyword) && keyword !== 'description' && !allowed.includes(keyword)) {
        throw new UnsupportedSchemaError(pointer, `"${keyword}" beside "${allowed[0] ?? 'an unconstrained value'}"`);
      }
    }
  }

  private arrayType(schema: SchemaObject, pointer: string): string {
    const itemType = schema.items === undefined ? 'unknown' : this.typeOf(schema.items, `${pointer}/items`);
    return /^[A-Za-z0-9_$]+$/.test(itemType) ? `${itemType}[]` : `(${itemType})[]`;
  }

  private objectType(schema: SchemaObject, pointer: string): string {
    const properties = schema.properties ?? {};
    if (!isObject(properties)) throw new UnsupportedSchemaError(pointer, 'a "properties" that is not an object');
    const base: Variant = {
      properties: new Map(
        Object.entries(properties).map(([key, property]) => [
          key,
          { schema: property, pointer: `${pointer}/properties/${escapePointer(key)}` },
        ]),
      ),
      required: new Set(stringList(schema.required, pointer, 'required')),
    };
    const variants = schema.allOf === undefined ? [base] : this.variants(schema, base, pointer);
    return union(variants.map((variant) => this.objectLiteral(variant, schema.additionalProperties, pointer)));
  }

  private objectLiteral(variant: Variant, additional: Json | undefined, pointer: string): string {
    const members: string[] = [];
    for (const [key, property] of variant.properties) {
      const name = IDENTIFIER.test(key) ? key : JSON.stringify(key);
      const optional = variant.required.has(key) ? '' : '?';
      const doc = isObject(property.schema) ? docComment(property.schema.description) : '';
      members.push(`${doc}${name}${optional}: ${this.typeOf(property.schema, property.pointer)};`);
    }
    for (const key of variant.required) {
      if (!variant.properties.has(key))
        throw new UnsupportedSchemaError(pointer, `"required" naming "${key}", which has no schema in "properties"`);
    }
    if (members.length === 0 && additional !== false) {
      return `Record<string, ${additional === undefined ? 'unknown' : this.typeOf(additional, `${pointer}/additionalProperties`)}>`;
    }
    if (additional !== false) {
      throw new UnsupportedSchemaError(pointer, '"properties" without "additionalProperties": false (other properties would have no type)');
    }
    return `{\n${members.join('\n')}\n}`;
  }

  /** The object's variants, one per value of the property its `allOf` of `if`/`then` clauses switch on. */
  private variants(schema: SchemaObject, base: Variant, pointer: string): Variant[] {
    const clauses = schema.allOf;
    if (!Array.isArray(clauses)) throw new UnsupportedSchemaError(pointer, 'an "allOf" that is not a list');
    let switchOn: string | undefined;
    const parsed = clauses.map((clause, index) => {
      const at = `${pointer}/allOf/${index}`;
      if (
        !isObject(clause) ||
        !isObject(clause.if) ||
        !isObject(clause.then) ||
        clause.else !== undefined ||
        Object.keys(clause).length !== 2
      ) {
        throw new UnsupportedSchemaError(at, 'an "allOf" entry other than an "if"/"then" clause');
      }
      const condition = clause.if;
      const conditionProperties = condition.properties;
      const keys = isObject(conditionProperties) ? Object.keys(conditionProperties) : [];
      const key = keys[0];
      if (
        key === undefined ||
        keys.length !== 1 ||
        Object.keys(condition).some((keyword) => keyword !== 'properties' && keyword !== 'required')
      ) {
        throw new UnsupportedSchemaError(`${at}/if`, 'a condition other than one property\'s "const" or "enum"');
      }
      if (switchOn !== undefined && switchOn !== key) throw new UnsupportedSchemaError(`${at}/if`, 'conditions on more than one property');
      switchOn = key;
      const requiredHere = stringList(condition.required, `${at}/if`, 'required');
      if (!base.required.has(key) && !requiredHere.includes(key)) {
        throw new UnsupportedSchemaError(`${at}/if`, `a condition on "${key}", which may be absent (then the condition holds by default)`);
      }
      const test = (conditionProperties as SchemaObject)[key];
      const values =
        isObject(test) && test.const !== undefined ? [test.const] : isObject(test) && Array.isArray(test.enum) ? test.enum : undefined;
      if (values === undefined || !isObject(test) || Object.keys(test).length !== 1) {
        throw new UnsupportedSchemaError(`${at}/if`, 'a condition other than one property\'s "const" or "enum"');
      }
      return { values, then: clause.then, at: `${at}/then` };
    });
    const key = switchOn!;
    const discriminant = base.properties.get(key)?.schema;
    const values =
      isObject(discriminant) && Array.isArray(discriminant.enum)
        ? discriminant.enum
        : isObject(discriminant) && discriminant.const !== undefined
          ? [discriminant.const]
          : undefined;
    if (values === undefined)
      throw new UnsupportedSchemaError(
        `${pointer}/properties/${key}`,
        `conditions on "${key}", which has no "enum" or "const" to list its values`,
      );

    return values.map((value) => {
      const variant: Variant = { properties: new Map(base.properties), required: new Set(base.required) };
      const narrowed: SchemaObject = { const: value };
      if (isObject(discriminant) && discriminant.description !== undefined) narrowed.description = discriminant.description;
      variant.properties.set(key, {
        schema: narrowed,
        pointer: `${pointer}/allOf (${key} ${JSON.stringify(value)})`,
      });
      for (const clause of parsed) {
        if (!clause.values.some((candidate) => JSON.stringify(candidate) === JSON.stringify(value))) continue;
        this.applyThen(variant, clause.then, clause.at);
      }
      return variant;
    });
  }

  private applyThen(variant: Variant, then: SchemaObject, pointer: string): void {
    for (const keyword of Object.keys(then)) {
      if (keyword !== 'required' && keyword !== 'properties' && keyword !== 'not')
        throw new UnsupportedSchemaError(pointer, `the keyword "${keyword}" in a "then"`);
    }
    for (const key of stringList(then.required, pointer, 'required')) variant.required.add(key);
    if (then.not !== undefined) {
      if (!isObject(then.not) || Object.keys(then.not).some((keyword) => keyword !== 'required')) {
        throw new UnsupportedSchemaError(`${pointer}/not`, 'a "not" other than "required" (properties that must be absent)');
      }
      for (const key of stringList(then.not.required, `${pointer}/not`, 'required')) {
        variant.properties.delete(key);
        variant.required.delete(key);
      }
    }
    if (then.properties !== undefined) {
      if (!isObject(then.properties)) throw new UnsupportedSchemaError(pointer, 'a "properties" that is not an object');
      for (const [key, narrowed] of Object.entries(then.properties)) {
        const original = variant.properties.get(key)?.schema;
        if (narrowed === false) {
          variant.properties.delete(key);
          variant.required.delete(key);
        } else if (isObject(narrowed) && isObject(original)) {
          variant.properties.set(key, { schema: { ...original, ...narrowed }, pointer: `${pointer}/properties/${escapePointer(key)}` });
        } else {
          throw new UnsupportedSchemaError(`${pointer}/properties/${key}`, 'a "then" that narrows a property without a schema of its own');
        }
      }
    }
  }
}

/** The generated module, before Prettier: a header, then one exported type per named schema. */
export function schemaToTypeScript(schema: Json, options: SchemaTypesOptions): string {
  if (!isObject(schema)) throw new UnsupportedSchemaError('#', 'a top level that is not an object schema');
  const header = [
    '/**',
    ` * Generated from ${options.schemaPath} by build/schema-types.ts. Do not edit this file:`,
    ' * change the schema, then run `npm run types:generate`. `npm run types:check` (the first step of',
    ' * `npm test`) fails when this file and its schema disagree.',
    ' */',
    '',
  ].join('\n');
  return `${header}\n${new Generator(schema, options).declarations().join('\n')}`;
}
