import { canonicalJson, type JsonValue } from '../formats/canonical-json';
import { parseJsonText, type JsonLimits } from '../formats/json-parse';
import { sha256Hex, toHex, utf8 } from '../formats/sha256';
import { compareAppVersions, isNewerAppVersion, parseAppVersion } from './app-version';

/**
 * The `.senbackup` file: everything in the app's database in one file, every part of it checked by
 * SHA-256 before anything is restored. Pure: no DOM, no Dexie, so it runs in Node, pages and workers.
 *
 * Layout (version 1), all integers big-endian:
 *
 *   offset  size  what
 *   0       8     magic: 0x89 "SENBAK" 0x0A (the high byte and the newline show up transfers that mangle bytes)
 *   8       4     container format version (uint32): 1
 *   12      4     manifest length N in bytes (uint32)
 *   16      32    SHA-256 of the manifest bytes
 *   48      N     the manifest: canonical JSON, UTF-8 (see BackupManifest)
 *   48+N    ...   the entries' bytes, one after another in the manifest's order, nothing between them
 *
 * The file ends exactly after the last entry. Records are JSON; any value JSON cannot hold is a
 * tagged object `{"$type": ...}` (see EncodedValue): a Blob, File or byte array becomes a reference to
 * an entry by its SHA-256, so bytes used twice (the same evidence file in two places) are stored once.
 */
export const BACKUP_FORMAT = 'sen-accreditation-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_MAGIC: readonly number[] = [0x89, 0x53, 0x45, 0x4e, 0x42, 0x41, 0x4b, 0x0a];
export const BACKUP_HEADER_BYTES = 48;
export const BACKUP_MEDIA_TYPE = 'application/vnd.sen-accreditation.backup';

/**
 * A stored file may be referred to from many records (the same evidence file in two places); a
 * restore writes it once per reference. References beyond the first may add at most this many bytes
 * in all, so a small backup cannot expand to fill the disk or the memory.
 */
export const BACKUP_MAX_REPEATED_BYTES = 1024 * 1024 * 1024;

/** What the manifest's JSON may hold: records nest shallowly, but a database may have many of them. */
export const BACKUP_MANIFEST_JSON_LIMITS: Readonly<JsonLimits> = {
  maxDepth: 64,
  maxStringLength: 256 * 1024 * 1024,
  maxArrayItems: 10_000_000,
  maxObjectKeys: 100_000,
  maxTextLength: 0xffffffff,
};

/** One table of the database, as it goes into a backup. */
export interface BackupTableInput {
  name: string;
  /** The key path of the table's primary key, or null when keys are kept outside the records. */
  primaryKey: string | string[] | null;
  records: readonly unknown[];
  /** Only for tables whose keys are outside the records (primaryKey null): one key per record. */
  keys?: readonly unknown[];
}

/** A table deliberately not in backups, with the reason, so a restore can say so. */
export interface LeftOutTable {
  table: string;
  records: number;
  reason: string;
}

export interface BackupInput {
  appVersion: string;
  schemaVersion: number;
  /** ISO 8601 time the backup was taken. */
  createdAt: string;
  tables: readonly BackupTableInput[];
  leftOut?: readonly LeftOutTable[];
}

export interface BackupEntry {
  sha256: string;
  size: number;
}

export interface ManifestTable {
  name: string;
  primaryKey: string | string[] | null;
  records: JsonValue[];
  keys?: JsonValue[];
}

/** The manifest at the start of the file: what made it, every table's records, and every entry. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  schemaVersion: number;
  createdAt: string;
  tables: ManifestTable[];
  entries: BackupEntry[];
  leftOut: LeftOutTable[];
}

/** A record value as JSON; values JSON cannot hold are tagged objects. */
export type EncodedValue =
  | { $type: 'blob'; sha256: string; size: number; type: string }
  | { $type: 'file'; sha256: string; size: number; type: string; name: string; lastModified: number }
  | { $type: 'bytes'; kind: TypedArrayKind | 'ArrayBuffer'; sha256: string; size: number }
  | { $type: 'date'; iso: string | null }
  | { $type: 'number'; value: 'NaN' | 'Infinity' | '-Infinity' }
  | { $type: 'bigint'; value: string }
  | { $type: 'undefined' }
  | { $type: 'map'; entries: [JsonValue, JsonValue][] }
  | { $type: 'set'; values: JsonValue[] }
  /** A record's own object that happens to have a "$type" key. */
  | { $type: 'object'; value: { [key: string]: JsonValue } };

const TYPED_ARRAYS = {
  Uint8Array,
  Int8Array,
  Uint8ClampedArray,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedArrayKind = keyof typeof TYPED_ARRAYS;

export class BackupValueError extends Error {
  override name = 'BackupValueError';
}

// ---------------------------------------------------------------------------------------------
// Writing

interface EntrySource {
  entry: BackupEntry;
  data: Blob | Uint8Array<ArrayBuffer>;
}

class EntryCollector {
  readonly byHash = new Map<string, EntrySource>();
  async add(data: Blob | Uint8Array<ArrayBuffer>): Promise<BackupEntry> {
    const bytes = data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data;
    const sha256 = await sha256Hex(bytes);
    const known = this.byHash.get(sha256);
    if (known) return known.entry;
    const entry = { sha256, size: bytes.byteLength };
    this.byHash.set(sha256, { entry, data });
    return entry;
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  // Any realm's Object.prototype (records may come from another realm, as in tests), or none.
  return proto === null || (Object.prototype.toString.call(value) === '[object Object]' && Object.getPrototypeOf(proto) === null);
}

function typedArrayKind(value: ArrayBufferView): TypedArrayKind | null {
  const name = Object.prototype.toString.call(value).slice(8, -1);
  return Object.hasOwn(TYPED_ARRAYS, name) ? (name as TypedArrayKind) : null;
}

async function encodeValue(value: unknown, path: string, entries: EntryCollector): Promise<JsonValue> {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    return { $type: 'number', value: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  }
  if (typeof value === 'bigint') return { $type: 'bigint', value: value.toString() };
  if (value === undefined) return { $type: 'undefined' };
  if (typeof value !== 'object') throw new BackupValueError(`${path}: a ${typeof value} cannot be put in a backup`);
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const [index, item] of value.entries()) out.push(await encodeValue(item, `${path}/${index}`, entries));
    return out;
  }
  if (value instanceof Blob) {
    const { sha256, size } = await entries.add(value);
    if (typeof File !== 'undefined' && value instanceof File)
      return { $type: 'file', sha256, size, type: value.type, name: value.name, lastModified: value.lastModified };
    return { $type: 'blob', sha256, size, type: value.type };
  }
  if (value instanceof ArrayBuffer) {
    const { sha256, size } = await entries.add(new Uint8Array(value.slice(0)));
    return { $type: 'bytes', kind: 'ArrayBuffer', sha256, size };
  }
  if (ArrayBuffer.isView(value)) {
    const kind = typedArrayKind(value);
    if (!kind) throw new BackupValueError(`${path}: a ${value.constructor.name} cannot be put in a backup`);
    const copy = new Uint8Array(value.byteLength);
    copy.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    const { sha256, size } = await entries.add(copy);
    return { $type: 'bytes', kind, sha256, size };
  }
  if (value instanceof Date) return { $type: 'date', iso: Number.isNaN(value.getTime()) ? null : value.toISOString() };
  if (value instanceof Map) {
    const out: [JsonValue, JsonValue][] = [];
    for (const [k, v] of value) out.push([await encodeValue(k, `${path}/key`, entries), await encodeValue(v, `${path}/value`, entries)]);
    return { $type: 'map', entries: out };
  }
  if (value instanceof Set) {
    const out: JsonValue[] = [];
    for (const v of value) out.push(await encodeValue(v, `${path}/value`, entries));
    return { $type: 'set', values: out };
  }
  if (!isPlainObject(value)) {
    const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object of an unknown kind';
    throw new BackupValueError(`${path}: a ${kind} cannot be put in a backup`);
  }
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value)) {
    // As IndexedDB's copy and JSON do, a property that is undefined is left out.
    if (item === undefined) continue;
    out[key] = await encodeValue(item, `${path}/${key}`, entries);
  }
  return Object.hasOwn(out, '$type') ? { $type: 'object', value: out } : out;
}

function uint32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function hexToBytes(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/**
 * Writes a backup. The file is a Blob made of the header, the manifest and the entries' own Blobs,
 * so large evidence files are not copied in memory to make it (each is read once, to hash it).
 */
export async function writeBackup(input: BackupInput): Promise<{ file: Blob; manifest: BackupManifest }> {
  const entries = new EntryCollector();
  const tables: ManifestTable[] = [];
  const seen = new Set<string>();
  for (const table of input.tables) {
    if (!TABLE_NAME.test(table.name)) throw new BackupValueError(`“${table.name}” is not a table name a backup can hold`);
    if (seen.has(table.name)) throw new BackupValueError(`The table “${table.name}” is in the backup twice`);
    seen.add(table.name);
    const records: JsonValue[] = [];
    for (const [index, record] of table.records.entries()) records.push(await encodeValue(record, `${table.name}/${index}`, entries));
    const out: ManifestTable = { name: table.name, primaryKey: table.primaryKey, records };
    if (table.primaryKey === null) {
      if (!table.keys || table.keys.length !== table.records.length)
        throw new BackupValueError(`The table “${table.name}” keeps its keys outside its records: give one key per record`);
      const keys: JsonValue[] = [];
      for (const [index, key] of table.keys.entries()) keys.push(await encodeValue(key, `${table.name}/keys/${index}`, entries));
      out.keys = keys;
    }
    tables.push(out);
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: input.appVersion,
    schemaVersion: input.schemaVersion,
    createdAt: input.createdAt,
    tables,
    entries: [...entries.byHash.values()].map((source) => source.entry),
    leftOut: [...(input.leftOut ?? [])],
  };
  const manifestBytes = utf8(canonicalJson(manifest));
  if (manifestBytes.byteLength > 0xffffffff) throw new BackupValueError('The records are too large for one backup file');
  const header = new Uint8Array([
    ...BACKUP_MAGIC,
    ...uint32(BACKUP_FORMAT_VERSION),
    ...uint32(manifestBytes.byteLength),
    ...hexToBytes(await sha256Hex(manifestBytes)),
  ]);
  const parts: (Blob | Uint8Array<ArrayBuffer>)[] = [header, manifestBytes, ...[...entries.byHash.values()].map((source) => source.data)];
  return { file: new Blob(parts, { type: BACKUP_MEDIA_TYPE }), manifest };
}

// ---------------------------------------------------------------------------------------------
// Reading

export type BackupProblemKind = 'not-a-backup' | 'truncated' | 'damaged' | 'newer';

export type BackupReadResult = { ok: true; backup: VerifiedBackup } | { ok: false; kind: BackupProblemKind; message: string };

export interface RestoredTable {
  name: string;
  primaryKey: string | string[] | null;
  records: unknown[];
  keys?: unknown[];
}

/** A backup whose every byte has been checked, with its records decoded (Blobs are back as Blobs). */
export interface VerifiedBackup {
  appVersion: string;
  schemaVersion: number;
  createdAt: string;
  tables: RestoredTable[];
  leftOut: LeftOutTable[];
  /** Number of stored files (entries) and their total size. */
  entryCount: number;
  entryBytes: number;
  /** The size of the backup file. */
  fileBytes: number;
}

/** What this build can restore: backups from its own or an older app and database schema. */
export interface BackupReaderLimits {
  appVersion: string;
  schemaVersion: number;
}

const NOTHING_CHANGED = 'Nothing in the app has been changed.';
const TABLE_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,99}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

class Refusal extends Error {
  constructor(
    readonly kind: BackupProblemKind,
    message: string,
  ) {
    super(message);
  }
}

const damaged = (what: string) =>
  new Refusal(
    'damaged',
    `This backup file is damaged (${what}), so it cannot be restored. ${NOTHING_CHANGED} Try another copy of the backup.`,
  );

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isSize = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** What a newer backup says about itself, as read before anything else in it is trusted. */
interface NewerBackup {
  appVersion?: unknown;
  schemaVersion?: unknown;
  formatVersion?: unknown;
}

/**
 * Why a newer backup is refused, naming the backup's version and this app's: the app version when
 * the backup's is newer, else the data format (a backup from this same app version can still hold
 * a newer data format, e.g. from a development build).
 */
function newerMessage(backup: NewerBackup, limits: BackupReaderLimits): string {
  const tail = `so this version cannot restore it. ${NOTHING_CHANGED} Install the newest version of the app, then restore the backup.`;
  const app = backup.appVersion;
  // Only a well-formed version is repeated back: the manifest is not trusted yet.
  const readableApp = typeof app === 'string' && app.length <= 64 && parseAppVersion(app) !== null ? app : null;
  if (readableApp !== null && (compareAppVersions(readableApp, limits.appVersion) ?? 0) > 0) {
    return `This backup was made by a newer version of SEN Accreditation (version ${readableApp}) than this one (version ${limits.appVersion}), ${tail}`;
  }
  const schema = backup.schemaVersion;
  if (typeof schema === 'number' && Number.isSafeInteger(schema) && schema > limits.schemaVersion) {
    return `This backup holds data in format ${schema}, which is newer than this version of SEN Accreditation (version ${limits.appVersion}, data format ${limits.schemaVersion}) can read, ${tail}`;
  }
  const format = backup.formatVersion;
  if (typeof format === 'number' && Number.isSafeInteger(format) && format > BACKUP_FORMAT_VERSION) {
    return `This backup file is in format ${format}, which is newer than this version of SEN Accreditation (version ${limits.appVersion}, backup file format ${BACKUP_FORMAT_VERSION}) can read, ${tail}`;
  }
  return `This backup was made by a newer version of SEN Accreditation than this one (version ${limits.appVersion}), ${tail}`;
}

/** Checks what a manifest says before anything else in it is trusted. */
function checkManifest(value: unknown): BackupManifest {
  if (!isRecord(value)) throw damaged('its list of contents is not readable');
  const { format, formatVersion, appVersion, schemaVersion, createdAt, tables, entries, leftOut } = value;
  if (format !== BACKUP_FORMAT || formatVersion !== BACKUP_FORMAT_VERSION) throw damaged('its list of contents names another format');
  if (typeof appVersion !== 'string' || typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 1)
    throw damaged('it does not say which version made it');
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) throw damaged('it does not say when it was made');
  if (!Array.isArray(entries)) throw damaged('its list of stored files is missing');
  const hashes = new Set<string>();
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry.sha256 !== 'string' || !SHA256_HEX.test(entry.sha256) || !isSize(entry.size))
      throw damaged('a stored file is listed wrongly');
    if (hashes.has(entry.sha256)) throw damaged('a stored file is listed twice');
    hashes.add(entry.sha256);
  }
  if (!Array.isArray(tables)) throw damaged('its list of tables is missing');
  const names = new Set<string>();
  for (const table of tables) {
    if (!isRecord(table) || typeof table.name !== 'string' || !TABLE_NAME.test(table.name) || !Array.isArray(table.records))
      throw damaged('a table is listed wrongly');
    if (names.has(table.name)) throw damaged(`the table “${table.name}” is in it twice`);
    names.add(table.name);
    const key = table.primaryKey;
    const keyOk = key === null || typeof key === 'string' || (Array.isArray(key) && key.every((k) => typeof k === 'string'));
    if (!keyOk) throw damaged(`the table “${table.name}” is listed wrongly`);
    if (key === null ? !Array.isArray(table.keys) || table.keys.length !== table.records.length : table.keys !== undefined)
      throw damaged(`the keys of the table “${table.name}” are listed wrongly`);
  }
  if (leftOut !== undefined && !Array.isArray(leftOut)) throw damaged('its list of tables left out is not readable');
  const left: LeftOutTable[] = [];
  for (const item of leftOut ?? []) {
    if (!isRecord(item) || typeof item.table !== 'string' || !isSize(item.records) || typeof item.reason !== 'string')
      throw damaged('its list of tables left out is not readable');
    left.push({ table: item.table, records: item.records, reason: item.reason });
  }
  return { ...(value as unknown as BackupManifest), leftOut: left };
}

/** The checked stored files, each read into an ArrayBuffer at most once however often it is referred to. */
class DecodedEntries {
  private readonly buffers = new Map<string, Promise<ArrayBuffer>>();
  constructor(private readonly blobs: ReadonlyMap<string, Blob>) {}
  blob(sha256: unknown, size: unknown): Blob {
    const blob = typeof sha256 === 'string' ? this.blobs.get(sha256) : undefined;
    if (!blob || blob.size !== size) throw damaged('a record refers to a stored file that is not in it');
    return blob;
  }
  buffer(sha256: unknown, size: unknown): Promise<ArrayBuffer> {
    const blob = this.blob(sha256, size);
    const key = sha256 as string;
    let buffer = this.buffers.get(key);
    if (!buffer) {
      buffer = blob.arrayBuffer();
      this.buffers.set(key, buffer);
    }
    return buffer;
  }
}

/**
 * The bytes a restore writes for the stored files: each reference counts the size of the file it
 * refers to. Walks the records without recursion, and reads them as decodeValue does.
 */
function referencedBytes(tables: readonly ManifestTable[], sizes: ReadonlyMap<string, number>): number {
  let total = 0;
  const pending: unknown[] = [];
  for (const table of tables) pending.push(table.records, table.keys);
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    if (!isRecord(value)) continue;
    if (!Object.hasOwn(value, '$type')) {
      for (const item of Object.values(value)) pending.push(item);
      continue;
    }
    if (value.$type === 'blob' || value.$type === 'file' || value.$type === 'bytes') {
      total += typeof value.sha256 === 'string' ? (sizes.get(value.sha256) ?? 0) : 0;
    } else if (value.$type === 'object' && isRecord(value.value)) {
      // A record's own object with a "$type" key: its values are records, its "$type" is not a tag.
      for (const item of Object.values(value.value)) pending.push(item);
    } else if (value.$type === 'map' && Array.isArray(value.entries)) pending.push(value.entries);
    else if (value.$type === 'set' && Array.isArray(value.values)) pending.push(value.values);
  }
  return total;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

async function decodeValue(value: unknown, entries: DecodedEntries): Promise<unknown> {
  if (value === null || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await decodeValue(item, entries));
    return out;
  }
  if (!isRecord(value)) throw damaged('a record is not readable');
  if (!Object.hasOwn(value, '$type')) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = await decodeValue(item, entries);
    return out;
  }
  const entry = () => entries.blob(value.sha256, value.size);
  switch (value.$type) {
    case 'blob': {
      const blob = entry();
      return blob.slice(0, blob.size, typeof value.type === 'string' ? value.type : '');
    }
    case 'file': {
      const blob = entry();
      if (typeof value.name !== 'string' || typeof value.lastModified !== 'number') throw damaged('a record is not readable');
      return new File([blob], value.name, { type: typeof value.type === 'string' ? value.type : '', lastModified: value.lastModified });
    }
    case 'bytes': {
      // Shared: every reference to the same stored file gets the same ArrayBuffer (or a view of it).
      const buffer = await entries.buffer(value.sha256, value.size);
      if (value.kind === 'ArrayBuffer') return buffer;
      const kind = typeof value.kind === 'string' && Object.hasOwn(TYPED_ARRAYS, value.kind) ? (value.kind as TypedArrayKind) : null;
      if (!kind || buffer.byteLength % TYPED_ARRAYS[kind].BYTES_PER_ELEMENT !== 0) throw damaged('a record is not readable');
      return new TYPED_ARRAYS[kind](buffer);
    }
    case 'date':
      if (value.iso === null) return new Date(Number.NaN);
      if (typeof value.iso !== 'string' || Number.isNaN(Date.parse(value.iso))) throw damaged('a record is not readable');
      return new Date(value.iso);
    case 'number':
      if (value.value === 'NaN') return Number.NaN;
      if (value.value === 'Infinity') return Number.POSITIVE_INFINITY;
      if (value.value === '-Infinity') return Number.NEGATIVE_INFINITY;
      throw damaged('a record is not readable');
    case 'bigint':
      if (typeof value.value !== 'string' || !/^-?\d{1,1000}$/.test(value.value)) throw damaged('a record is not readable');
      return BigInt(value.value);
    case 'undefined':
      return undefined;
    case 'map': {
      if (!Array.isArray(value.entries)) throw damaged('a record is not readable');
      const map = new Map<unknown, unknown>();
      for (const pair of value.entries) {
        if (!Array.isArray(pair) || pair.length !== 2) throw damaged('a record is not readable');
        map.set(await decodeValue(pair[0], entries), await decodeValue(pair[1], entries));
      }
      return map;
    }
    case 'set': {
      if (!Array.isArray(value.values)) throw damaged('a record is not readable');
      const set = new Set<unknown>();
      for (const item of value.values) set.add(await decodeValue(item, entries));
      return set;
    }
    case 'object': {
      if (!isRecord(value.value)) throw damaged('a record is not readable');
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value.value)) out[key] = await decodeValue(item, entries);
      return out;
    }
    default:
      throw damaged('a record holds a kind of value this version does not know');
  }
}

async function readOrRefuse(file: Blob, limits: BackupReaderLimits): Promise<VerifiedBackup> {
  if (file.size === 0) throw new Refusal('not-a-backup', `This file is empty, so it is not a backup. ${NOTHING_CHANGED}`);
  const head = new Uint8Array(await file.slice(0, BACKUP_HEADER_BYTES).arrayBuffer());
  const magicOk = BACKUP_MAGIC.every((byte, i) => head[i] === byte || i >= head.length);
  if (!magicOk)
    throw new Refusal(
      'not-a-backup',
      `This file is not a SEN Accreditation backup (those end in “.senbackup”). ${NOTHING_CHANGED} Choose a backup file made by the app.`,
    );
  if (head.length < BACKUP_HEADER_BYTES) throw truncated();
  const formatVersion = readUint32(head, 8);
  if (formatVersion > BACKUP_FORMAT_VERSION) throw new Refusal('newer', newerMessage({ formatVersion }, limits));
  if (formatVersion < 1) throw damaged('its header is wrong');
  const manifestLength = readUint32(head, 12);
  const manifestEnd = BACKUP_HEADER_BYTES + manifestLength;
  if (file.size < manifestEnd) throw truncated();
  const manifestBytes = new Uint8Array(await file.slice(BACKUP_HEADER_BYTES, manifestEnd).arrayBuffer());
  if ((await sha256Hex(manifestBytes)) !== toHex(head.subarray(16, 48)))
    throw damaged('its list of contents does not match the checksum recorded when it was made');
  let manifestText: string;
  try {
    manifestText = new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes);
  } catch {
    throw damaged('its list of contents is not readable');
  }
  // Read within limits (nesting above all), so a hand-made manifest is refused, not a stack overflow.
  const read = parseJsonText(manifestText, BACKUP_MANIFEST_JSON_LIMITS);
  if (!read.ok) throw damaged('its list of contents is not readable');
  const parsed = read.value;
  // Newer first: a newer app may describe its contents differently, and "install the newer
  // version" is the answer that helps, not "damaged".
  if (isRecord(parsed)) {
    const { appVersion, schemaVersion } = parsed;
    const newerSchema = typeof schemaVersion === 'number' && schemaVersion > limits.schemaVersion;
    const newerFormat = typeof parsed.formatVersion === 'number' && parsed.formatVersion > BACKUP_FORMAT_VERSION;
    const newerApp = typeof appVersion === 'string' && isNewerAppVersion(appVersion, limits.appVersion);
    if (newerSchema || newerFormat || newerApp)
      throw new Refusal('newer', newerMessage({ appVersion, schemaVersion, formatVersion: parsed.formatVersion }, limits));
  }
  const manifest = checkManifest(parsed);

  const entryBytes = manifest.entries.reduce((sum, e) => sum + e.size, 0);
  const expectedSize = manifestEnd + entryBytes;
  if (file.size < expectedSize) throw truncated();
  if (file.size > expectedSize) throw damaged('it has extra bytes at the end');

  const sizes = new Map(manifest.entries.map((entry) => [entry.sha256, entry.size]));
  const referenced = referencedBytes(manifest.tables, sizes);
  if (referenced > entryBytes + BACKUP_MAX_REPEATED_BYTES) {
    throw new Refusal(
      'damaged',
      `This backup file cannot be restored: its records refer to its stored files far more often than a backup made by the app does (${megabytes(referenced)} in all, from ${megabytes(entryBytes)} of files). ${NOTHING_CHANGED} Try another copy of the backup.`,
    );
  }

  // Every stored file is checked against its SHA-256 before any record is looked at.
  const verified = new Map<string, Blob>();
  let offset = manifestEnd;
  for (const [index, entry] of manifest.entries.entries()) {
    const bytes = new Uint8Array(await file.slice(offset, offset + entry.size).arrayBuffer());
    if (bytes.byteLength !== entry.size) throw truncated();
    if ((await sha256Hex(bytes)) !== entry.sha256)
      throw damaged(`stored file ${index + 1} of ${manifest.entries.length} does not match the checksum recorded when the backup was made`);
    // A copy of the checked bytes, not a slice of the file: what is restored is exactly what was checked.
    verified.set(entry.sha256, new Blob([bytes]));
    offset += entry.size;
  }

  // Each stored file is made into a Blob or an ArrayBuffer once, and shared by every record that refers to it.
  const decoded = new DecodedEntries(verified);
  const tables: RestoredTable[] = [];
  for (const table of manifest.tables) {
    const records: unknown[] = [];
    for (const record of table.records) records.push(await decodeValue(record, decoded));
    const restored: RestoredTable = { name: table.name, primaryKey: table.primaryKey, records };
    if (table.keys) {
      const keys: unknown[] = [];
      for (const key of table.keys) keys.push(await decodeValue(key, decoded));
      restored.keys = keys;
    }
    tables.push(restored);
  }
  return {
    appVersion: manifest.appVersion,
    schemaVersion: manifest.schemaVersion,
    createdAt: manifest.createdAt,
    tables,
    leftOut: manifest.leftOut,
    entryCount: manifest.entries.length,
    entryBytes,
    fileBytes: file.size,
  };
}

const truncated = () =>
  new Refusal(
    'truncated',
    `This backup file is incomplete: it ends before all of its contents (it may not have finished copying or downloading). ${NOTHING_CHANGED} Try another copy of the backup.`,
  );

/**
 * Reads and checks a backup: the header, the manifest against its SHA-256, the versions that made
 * it, the file's exact length, and every entry against its SHA-256, before decoding any record.
 * Refuses (with a plain-words message) anything damaged, cut short, or made by a newer version.
 */
export async function readBackup(file: Blob, limits: BackupReaderLimits): Promise<BackupReadResult> {
  try {
    return { ok: true, backup: await readOrRefuse(file, limits) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, kind: error.kind, message: error.message };
    return {
      ok: false,
      kind: 'damaged',
      message: `This backup file could not be read (${error instanceof Error ? error.message : String(error)}). ${NOTHING_CHANGED}`,
    };
  }
}
