// Loads knowledge/*.yaml, validates every file with the zod schema and the cross-entry rules, and
// reports each problem with its file, entry id and field path, so a broken staff edit fails the build.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  type Answer,
  AnswersFileSchema,
  KnowledgeFileSchema,
  LocaleForTranslations,
  RoutingSchema,
  SynonymsFileSchema,
  TranslationsFileSchema,
  type Entry,
  type Routing,
  type SynonymGroup,
  type TranslationsFile,
} from '../../src/knowledge/schema';

export const SYNONYMS_FILE = 'synonyms.yaml';
/** Residents' words in other languages → the same service words (read like synonyms.yaml, after it). */
export const MULTILINGUAL_SYNONYMS_FILE = 'synonyms-multilingual.yaml';
export const ROUTING_FILE = 'routing.yaml';

export interface Knowledge {
  entries: Entry[];
  synonyms: SynonymGroup[];
  routing: Routing;
  answers: Answer[];
  /** Per locale: entry id → its name and summary in that language, and whether staff reviewed them. */
  translations: Record<string, TranslationsFile>;
}

/** Thrown with every problem found, one per line, so staff can fix them all in one go. */
export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`knowledge: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `entries[3].hours.weekly[0]` → the entry's id if it has one, so the message names what staff see. */
function entryLabel(raw: unknown, index: number): string {
  const entries = isRecord(raw) ? raw.entries : undefined;
  const entry = Array.isArray(entries) ? entries[index] : undefined;
  const id = isRecord(entry) ? entry.id : undefined;
  return typeof id === 'string' && id ? `entry "${id}"` : `entry #${index + 1}`;
}

function rawIds(raw: unknown): string[] {
  const entries = isRecord(raw) ? raw.entries : undefined;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((e: unknown) => (isRecord(e) && typeof e.id === 'string' ? [e.id] : []));
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('') || '(top level)';
}

type ParsedFile = { file: string; raw: unknown; lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined };

/** Parses one YAML file; syntax errors become problems with their line, and the file is skipped. */
function parseYaml(file: string, text: string, problems: string[]): ParsedFile | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line;
      problems.push(`${file}${line ? `:${line}` : ''}: YAML syntax error: ${e.message.split('\n')[0]}`);
    }
    return undefined;
  }
  const lineOf = (path: ReadonlyArray<PropertyKey>): number | undefined => {
    // Walk up the path until a node exists (a missing field has no line; its parent does).
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = doc.getIn(
        path.slice(0, n).filter((k) => typeof k !== 'symbol'),
        true,
      );
      if (isRecord(node) && Array.isArray(node.range) && typeof node.range[0] === 'number') return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { file, raw: doc.toJS({ maxAliasCount: -1 }), lineOf };
}

/** The file's data if it fits the schema; else undefined, with every misfit reported at its line. */
function checked<T>(parsed: ParsedFile, schema: z.ZodType<T>, problems: string[]): T | undefined {
  const result = schema.safeParse(parsed.raw);
  if (result.success) return result.data;
  problems.push(...schemaProblems(parsed, result.error.issues));
  return undefined;
}

/** The YAML files of a folder, in name order (the build is the same on every machine). */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
}

function schemaProblems(parsed: ParsedFile, issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const [top, index, ...rest] = issue.path;
    const line = parsed.lineOf(issue.path);
    const where = `${parsed.file}${line ? `:${line}` : ''}`;
    if (top === 'entries' && typeof index === 'number') {
      return `${where}: ${entryLabel(parsed.raw, index)}: ${fieldPath(rest)}: ${issue.message}`;
    }
    return `${where}: ${fieldPath(issue.path)}: ${issue.message}`;
  });
}

/** Every entry must give residents at least one way in: a number, a section to ask for, a page or a place. */
export function isReachable(e: Entry): boolean {
  return e.phones.length > 0 || Boolean(e.askFor) || e.web !== undefined || e.address !== undefined;
}

/** Reads and checks every knowledge file in `dir`; throws a KnowledgeError listing every problem. */
export function loadKnowledge(dir = 'knowledge'): Knowledge {
  const problems: string[] = [];
  const entries: Entry[] = [];
  const fileOf = new Map<string, string>();
  const idsOfInvalidFiles = new Set<string>();
  let synonyms: SynonymGroup[] = [];
  let routing: Routing | undefined;
  const names = yamlFiles(dir);
  for (const required of [SYNONYMS_FILE, ROUTING_FILE]) if (!names.includes(required)) problems.push(`${join(dir, required)}: missing`);

  for (const name of names) {
    const file = join(dir, name);
    const parsed = parseYaml(file, readFileSync(file, 'utf8'), problems);
    if (!parsed) continue;
    if (name === SYNONYMS_FILE || name === MULTILINGUAL_SYNONYMS_FILE) {
      const groups = checked(parsed, SynonymsFileSchema, problems)?.groups ?? [];
      synonyms = name === SYNONYMS_FILE ? [...groups, ...synonyms] : [...synonyms, ...groups];
      continue;
    }
    if (name === ROUTING_FILE) {
      routing = checked(parsed, RoutingSchema, problems);
      continue;
    }
    const data = checked(parsed, KnowledgeFileSchema, problems);
    if (data === undefined) {
      // Keep the ids of a file that failed, so its branches elsewhere are not also reported as dangling.
      for (const id of rawIds(parsed.raw)) idsOfInvalidFiles.add(id);
      continue;
    }
    for (const entry of data.entries) {
      const earlier = fileOf.get(entry.id);
      if (earlier) problems.push(`${file}: entry "${entry.id}": id: duplicate id, already used in ${earlier}`);
      else fileOf.set(entry.id, file);
      entries.push(entry);
    }
  }

  for (const e of entries) {
    const file = fileOf.get(e.id) ?? dir;
    if (e.parent !== undefined) {
      if (!fileOf.has(e.parent) && !idsOfInvalidFiles.has(e.parent)) problems.push(`${file}: entry "${e.id}": parent: no entry has the id "${e.parent}"`);
      else if (e.parent === e.id) problems.push(`${file}: entry "${e.id}": parent: an entry cannot be its own parent`);
    }
    if (!isReachable(e)) problems.push(`${file}: entry "${e.id}": no way to reach it: give phones, askFor, web or address`);
  }
  if (routing !== undefined) {
    const { wardOffice, leadNumbers, generalWindows, foreignWindows, wardMindWindow } = routing;
    for (const id of [wardOffice, ...leadNumbers, ...generalWindows, ...foreignWindows, wardMindWindow]) {
      if (!fileOf.has(id)) problems.push(`${join(dir, ROUTING_FILE)}: no entry has the id "${id}"`);
    }
  }
  const answers = loadAnswers(join(dir, 'answers'), fileOf, problems);
  const translations = loadTranslations(join(dir, 'translations'), fileOf, problems);
  if (problems.length || routing === undefined) throw new KnowledgeError(problems);
  return { entries, synonyms, routing, answers, translations };
}

/** knowledge/answers/*.yaml: schema-checked, ids unique, every window an entry. */
function loadAnswers(dir: string, entryFiles: Map<string, string>, problems: string[]): Answer[] {
  if (!existsSync(dir)) return [];
  const answers: Answer[] = [];
  const seen = new Map<string, string>();
  for (const name of yamlFiles(dir)) {
    const file = join(dir, name);
    const parsed = parseYaml(file, readFileSync(file, 'utf8'), problems);
    const data = parsed && checked(parsed, AnswersFileSchema, problems);
    if (!data) continue;
    for (const a of data.answers) {
      const earlier = seen.get(a.id);
      if (earlier) problems.push(`${file}: answer "${a.id}": id: duplicate id, already used in ${earlier}`);
      seen.set(a.id, file);
      for (const w of a.windows) if (!entryFiles.has(w)) problems.push(`${file}: answer "${a.id}": windows: no entry has the id "${w}"`);
      answers.push(a);
    }
  }
  return answers;
}

/** knowledge/translations/<locale>.yaml: one file per locale, each id an entry. */
function loadTranslations(dir: string, entryFiles: Map<string, string>, problems: string[]): Knowledge['translations'] {
  const out: Knowledge['translations'] = {};
  if (!existsSync(dir)) return out;
  for (const name of yamlFiles(dir)) {
    const file = join(dir, name);
    const locale = name.replace(/\.ya?ml$/, '');
    if (!LocaleForTranslations.safeParse(locale).success) {
      problems.push(`${file}: the file name must be a locale other than ja (en, zh, ko, vi, tl, ne, pt, es, easy-ja)`);
      continue;
    }
    const parsed = parseYaml(file, readFileSync(file, 'utf8'), problems);
    const data = parsed && checked(parsed, TranslationsFileSchema, problems);
    if (!data) continue;
    for (const id of Object.keys(data.entries)) if (!entryFiles.has(id)) problems.push(`${file}: "${id}": no entry has this id`);
    out[locale] = data;
  }
  return out;
}
