import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { runAsScript } from './run-as-script';
import { schemaToTypeScript, type Json, type SchemaTypesOptions } from './schema-to-typescript';

/**
 * Writes one TypeScript file of types per JSON Schema of the project's file formats, so the types
 * the code uses cannot drift from the schemas files are checked against.
 *
 * `npm run types:generate` (tsx build/schema-types.ts) writes them.
 * `npm run types:check` (tsx build/schema-types.ts --check) writes nothing and fails, naming the
 * file, when a committed generated file is not what its schema gives today.
 */

export interface SchemaTypesTarget extends Omit<SchemaTypesOptions, 'schemaPath'> {
  /** The schema, from the repository's root. */
  schema: string;
  /** The generated file, from the repository's root. */
  output: string;
}

export const SCHEMA_TYPES_TARGETS: readonly SchemaTypesTarget[] = [
  {
    schema: 'criteria/schema/framework.schema.json',
    output: 'shared/framework/framework-file-v1.generated.ts',
    rootName: 'FrameworkFileV1',
    names: { '#/$defs/scale/properties/points/items': 'ScalePoint' },
  },
  {
    schema: 'criteria/schema/framework-v2.schema.json',
    output: 'shared/framework/framework-file-v2.generated.ts',
    rootName: 'FrameworkFileV2',
    names: { '#/$defs/scale/properties/points/items': 'ScalePoint' },
  },
  {
    schema: 'shared/submission/submission.schema.json',
    output: 'shared/submission/submission-document.generated.ts',
    rootName: 'SubmissionDocument',
    names: {
      '#/properties/school': 'SubmissionSchool',
      '#/properties/school/properties/profile': 'SubmissionSchoolProfile',
      '#/properties/region': 'SubmissionRegion',
      '#/properties/responses/items': 'SubmissionResponse',
      '#/properties/responses/items/properties/notApplicable/oneOf/1': 'SubmissionNotApplicable',
      '#/properties/evidence/items': 'SubmissionEvidence',
      '#/properties/evidence/items/properties/file/oneOf/1': 'SubmissionEvidenceFile',
      '#/properties/actions/items': 'SubmissionAction',
      '#/properties/declaration': 'SubmissionDeclaration',
      '#/properties/approval': 'SubmissionApproval',
      '#/properties/signer': 'SubmissionSigner',
    },
  },
  {
    schema: 'shared/moderation/moderation.schema.json',
    output: 'shared/moderation/moderation-document.generated.ts',
    rootName: 'ModerationDocument',
    names: {
      '#/properties/moderator': 'ModerationModerator',
      '#/properties/submission': 'ModeratedSubmission',
      '#/properties/criteria/items': 'ModerationCriterion',
      '#/properties/visit/oneOf/1': 'ModerationVisit',
      '#/properties/outcome': 'ModerationOutcomeRecord',
      '#/properties/signer': 'ModerationSigner',
    },
  },
  {
    schema: 'shared/moderation/second-moderation-request.schema.json',
    output: 'shared/moderation/second-moderation-request.generated.ts',
    rootName: 'SecondModerationRequestDocument',
    names: {
      '#/properties/submission': 'SecondModerationSubmission',
      '#/properties/criteria/items': 'SecondModerationSampled',
      '#/$defs/moderator': 'SecondModerationModerator',
    },
  },
  {
    schema: 'shared/moderation/second-moderation-return.schema.json',
    output: 'shared/moderation/second-moderation-return.generated.ts',
    rootName: 'SecondModerationReturnDocument',
    names: {
      '#/properties/decisions/items': 'SecondModerationDecisionRecord',
    },
  },
  {
    schema: 'shared/evidence/evidence-pack.schema.json',
    output: 'shared/evidence/evidence-pack-document.generated.ts',
    rootName: 'EvidencePackDocument',
    names: {
      '#/properties/colleague': 'EvidencePackColleague',
      '#/properties/school': 'EvidencePackSchool',
      '#/properties/signer': 'EvidencePackSigner',
      '#/$defs/item': 'EvidencePackItem',
      '#/$defs/item/properties/file': 'EvidencePackFile',
    },
  },
  {
    schema: 'shared/moderation/appeal.schema.json',
    output: 'shared/moderation/appeal-document.generated.ts',
    rootName: 'AppealDocument',
    names: {
      '#/properties/school': 'AppealSchool',
      '#/properties/report': 'AppealedReport',
      '#/properties/disputes': 'AppealDisputes',
      '#/properties/signer': 'AppealSigner',
    },
  },
  {
    schema: 'criteria/schema/crosswalk.schema.json',
    output: 'shared/evaluation/crosswalk-file.generated.ts',
    rootName: 'CrosswalkFile',
  },
  {
    schema: 'criteria/schema/regions.schema.json',
    output: 'shared/regions/regions-file.generated.ts',
    rootName: 'RegionsFile',
  },
  {
    schema: 'shared/partnership/benchmark.schema.json',
    output: 'shared/partnership/benchmark-document.generated.ts',
    rootName: 'BenchmarkDocument',
    names: {
      '#/properties/partnership': 'BenchmarkPartnership',
      '#/properties/school': 'BenchmarkSchool',
      '#/properties/group': 'BenchmarkGroup',
      '#/properties/scale/items': 'BenchmarkScalePoint',
      '#/properties/strands/items': 'BenchmarkStrand',
      '#/properties/strands/items/properties/levels/items': 'BenchmarkLevelShare',
      '#/properties/levelsHeld/items': 'BenchmarkLevelHeld',
      '#/$defs/spread/oneOf/1': 'BenchmarkSpread',
    },
  },
];

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A file's path from the repository's root, as an absolute path. */
export function repositoryPath(path: string): string {
  return `${ROOT}${path}`;
}

/** The generated module for `target` from `schema`, formatted as the repository's Prettier settings format it. */
export async function generatedTypes(target: SchemaTypesTarget, schema: Json): Promise<string> {
  const { schema: schemaPath, output, ...options } = target;
  const file = repositoryPath(output);
  const prettierOptions = (await resolveConfig(file)) ?? {};
  return format(schemaToTypeScript(schema, { ...options, schemaPath }), { ...prettierOptions, filepath: file });
}

export function readSchema(target: SchemaTypesTarget): Json {
  const text = readFileSync(repositoryPath(target.schema), 'utf8');
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new Error(
      `${target.schema} is not valid JSON (${error instanceof Error ? error.message : String(error)}): fix the schema first.`,
    );
  }
}

function readCommitted(target: SchemaTypesTarget): string | null {
  try {
    return readFileSync(repositoryPath(target.output), 'utf8');
  } catch {
    return null;
  }
}

/**
 * What is wrong with a committed generated file, in plain words, or null when it is exactly what
 * its schema gives.
 */
export function driftMessage(target: SchemaTypesTarget, committed: string | null, expected: string): string | null {
  if (committed === expected) return null;
  if (committed === null) {
    return `${target.output} is missing: it holds the types of ${target.schema}. Run "npm run types:generate" and commit the file it writes.`;
  }
  return (
    `${target.output} does not match ${target.schema}: the schema or the file was changed without the other. ` +
    `Do not edit the generated file; run "npm run types:generate" and commit the result (then fix any code the new types reject).`
  );
}

/** The drift messages for every target (empty when every generated file is up to date). */
export async function checkSchemaTypes(targets: readonly SchemaTypesTarget[] = SCHEMA_TYPES_TARGETS): Promise<string[]> {
  const messages: string[] = [];
  for (const target of targets) {
    const message = driftMessage(target, readCommitted(target), await generatedTypes(target, readSchema(target)));
    if (message !== null) messages.push(message);
  }
  return messages;
}

async function main(check: boolean): Promise<number> {
  if (check) {
    const messages = await checkSchemaTypes();
    for (const message of messages) process.stderr.write(`${message}\n`);
    if (messages.length === 0) process.stdout.write(`The types generated from ${SCHEMA_TYPES_TARGETS.length} schemas are up to date.\n`);
    return messages.length === 0 ? 0 : 1;
  }
  for (const target of SCHEMA_TYPES_TARGETS) {
    const source = await generatedTypes(target, readSchema(target));
    if (readCommitted(target) === source) continue;
    writeFileSync(repositoryPath(target.output), source);
    process.stdout.write(`Wrote ${target.output} from ${target.schema}\n`);
  }
  return 0;
}

// A schema that is not JSON, or uses a construct the generator refuses, is named in words.
await runAsScript(import.meta.url, (args) => main(args.includes('--check')));
