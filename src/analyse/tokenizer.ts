// The one Japanese tokenizer of the project: kuromoji with the reduced IPADIC dictionary built by
// scripts/dictionary/build.ts, used by build scripts in Node (tsx) and by the Worker in workerd alike,
// so the search index and the queries are tokenised identically (../shared/reference/platform.md).
import DynamicDictionaries from 'kuromoji/src/dict/DynamicDictionaries.js';
import TokenInfoDictionary from 'kuromoji/src/dict/TokenInfoDictionary.js';
import UnknownDictionary from 'kuromoji/src/dict/UnknownDictionary.js';
import KuromojiTokenizer from 'kuromoji/src/Tokenizer.js';

/** A token, with IPADIC's "*" (no value) turned into something usable where it matters. */
export interface Token {
  surface: string;
  /** Dictionary form (払え → 払える); the surface itself for unknown words and entries without one. */
  basicForm: string;
  /** 名詞, 動詞, 助詞, … */
  pos: string;
  /** 一般, サ変接続, 自立, 格助詞, … ("*" when none). */
  posDetail1: string;
  posDetail2: string;
  /** false when kuromoji made the word up from character classes (not in the dictionary). */
  known: boolean;
  /** Start offset in the input, in UTF-16 code units. */
  position: number;
}

export interface Tokenizer {
  tokenize(text: string): Token[];
}

/** File name of the dictionary container inside src/generated/dict/. */
export const DICT_FILE = 'dict.bin';

/**
 * The 12 buffers kuromoji's DictionaryLoader would read from its 12 .dat.gz files, in its order
 * (kuromoji/src/loader/DictionaryLoader.js), packed into one container instead: one Data module to
 * import, one file to read.
 */
const SEGMENTS = ['base', 'check', 'tid', 'tidPos', 'tidMap', 'cc', 'unk', 'unkPos', 'unkMap', 'unkChar', 'unkCompat', 'unkInvoke'] as const;
export type DictionarySegments = Record<(typeof SEGMENTS)[number], Uint8Array>;

const MAGIC = 0x4a4d524b; // "KRMJ" little-endian
const FORMAT_VERSION = 1;
const HEADER_BYTES = 12 + SEGMENTS.length * 8;

/**
 * cc.dat (Int16Array [rows, cols, costs…]) as row-to-row differences split into a low-byte plane and
 * a high-byte plane: neighbouring rows of the cost matrix are alike, so this gzips a third smaller
 * (platform.md). Differences are modulo 2^16, so decoding restores the matrix exactly.
 */
function encodeCosts(cc: Uint8Array): Uint8Array {
  const costs = new Int16Array(cc.buffer.slice(cc.byteOffset, cc.byteOffset + cc.byteLength));
  const rows = costs[0] ?? 0;
  const cols = costs[1] ?? 0;
  const n = rows * cols;
  const out = new Uint8Array(4 + 2 * n);
  new DataView(out.buffer).setUint16(0, rows, true);
  new DataView(out.buffer).setUint16(2, cols, true);
  for (let i = 0; i < n; i++) {
    const previous = i >= cols ? (costs[i + 2 - cols] ?? 0) : 0;
    const delta = ((costs[i + 2] ?? 0) - previous) & 0xffff;
    out[4 + i] = delta & 0xff;
    out[4 + n + i] = delta >> 8;
  }
  return out;
}

function decodeCosts(encoded: Uint8Array): Int16Array {
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const rows = view.getUint16(0, true);
  const cols = view.getUint16(2, true);
  const n = rows * cols;
  if (encoded.byteLength !== 4 + 2 * n) throw new Error('tokenizer: dictionary cost matrix has the wrong size');
  const costs = new Int16Array(n + 2);
  costs[0] = rows;
  costs[1] = cols;
  const lo = encoded.subarray(4, 4 + n);
  const hi = encoded.subarray(4 + n);
  // Int16Array stores modulo 2^16, which undoes the modular difference.
  const delta = (i: number) => (lo[i] ?? 0) | ((hi[i] ?? 0) << 8);
  for (let i = 0; i < cols; i++) costs[i + 2] = delta(i);
  for (let i = cols; i < n; i++) costs[i + 2] = (costs[i + 2 - cols] ?? 0) + delta(i);
  return costs;
}

/** Packs the builder's buffers into the container (used by scripts/dictionary/build.ts). */
export function encodeDictionary(segments: DictionarySegments): Uint8Array {
  const parts = SEGMENTS.map((name) => (name === 'cc' ? encodeCosts(segments.cc) : segments[name]));
  // Every segment starts on a 4-byte boundary so Int32Array/Uint32Array views need no copy.
  const align = (n: number): number => (n + 3) & ~3;
  let size = HEADER_BYTES;
  for (const part of parts) size = align(size) + part.byteLength;
  const out = new Uint8Array(align(size));
  const header = new DataView(out.buffer);
  header.setUint32(0, MAGIC, true);
  header.setUint32(4, FORMAT_VERSION, true);
  header.setUint32(8, SEGMENTS.length, true);
  let offset = HEADER_BYTES;
  parts.forEach((part, i) => {
    offset = align(offset);
    header.setUint32(12 + i * 8, offset, true);
    header.setUint32(16 + i * 8, part.byteLength, true);
    out.set(part, offset);
    offset += part.byteLength;
  });
  return out;
}

/** An object with the given prototype and no own fields yet (the load* methods set them). */
function bare<T extends object>(prototype: T): T {
  return Object.create(prototype);
}

/** Builds a kuromoji tokenizer from the container bytes (views into them, except the cost matrix). */
export function createTokenizer(container: Uint8Array): Tokenizer {
  // Typed-array views need 4-byte alignment relative to the ArrayBuffer; a pooled Node Buffer may not have it.
  const bytes = container.byteOffset % 4 === 0 ? container : container.slice();
  if (bytes.byteLength < HEADER_BYTES) throw new Error('tokenizer: dictionary container is truncated');
  const header = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (header.getUint32(0, true) !== MAGIC || header.getUint32(4, true) !== FORMAT_VERSION || header.getUint32(8, true) !== SEGMENTS.length) {
    throw new Error('tokenizer: not a dictionary container of this version (rerun `npm run build`)');
  }
  const segment = (i: number): Uint8Array => {
    const offset = header.getUint32(12 + i * 8, true);
    const length = header.getUint32(16 + i * 8, true);
    if (offset + length > bytes.byteLength) throw new Error('tokenizer: dictionary container is truncated');
    return bytes.subarray(offset, offset + length);
  };
  const seg = (name: (typeof SEGMENTS)[number]) => segment(SEGMENTS.indexOf(name));
  const int32 = (s: Uint8Array): Int32Array => new Int32Array(s.buffer, s.byteOffset, s.byteLength >> 2);
  // Same calls, same order as kuromoji's DictionaryLoader.load, minus its fs/zlib/XHR file loading.
  // The two dictionaries are created without their constructors, which allocate 2 × 10 MiB buffers
  // each that the load* calls replace at once: 40 MiB of garbage and ~10 ms of zero-filling on a
  // cold start, against the 128 MB isolate limit (platform.md).
  const dic = new DynamicDictionaries(null, bare(TokenInfoDictionary.prototype), null, bare(UnknownDictionary.prototype));
  dic.loadTrie(int32(seg('base')), int32(seg('check')));
  dic.loadTokenInfoDictionaries(seg('tid'), seg('tidPos'), seg('tidMap'));
  dic.loadConnectionCosts(decodeCosts(seg('cc')));
  const compat = seg('unkCompat');
  dic.loadUnknownDictionaries(
    seg('unk'),
    seg('unkPos'),
    seg('unkMap'),
    seg('unkChar'),
    new Uint32Array(compat.buffer, compat.byteOffset, compat.byteLength >> 2),
    seg('unkInvoke'),
  );
  const tokenizer = new KuromojiTokenizer(dic);
  return {
    tokenize(text: string): Token[] {
      return tokenizer.tokenize(text).map((t) => ({
        surface: t.surface_form,
        basicForm: t.basic_form === '*' || t.basic_form === undefined ? t.surface_form : t.basic_form,
        pos: t.pos,
        posDetail1: t.pos_detail_1,
        posDetail2: t.pos_detail_2,
        known: t.word_type === 'KNOWN',
        position: t.word_position - 1, // kuromoji counts from 1
      }));
    },
  };
}

/** workerd says so in navigator.userAgent; Node 20 has no navigator (21+ says "Node.js/…"). */
function inWorkerd(): boolean {
  const nav: unknown = Reflect.get(globalThis, 'navigator');
  return typeof nav === 'object' && nav !== null && Reflect.get(nav, 'userAgent') === 'Cloudflare-Workers';
}

/**
 * The container bytes. In workerd they are a Data module (wrangler.toml `[[rules]]`, bundled by
 * wrangler's esbuild and by vitest-pool-workers); in Node (tsx, vitest's node project) the file is read
 * from disk, since Node cannot import .bin. The dynamic imports keep each branch out of the other's way.
 */
async function loadContainer(): Promise<Uint8Array> {
  if (inWorkerd()) {
    const data = await import('../generated/dict/dict.bin');
    return new Uint8Array(data.default);
  }
  const { readFile } = await import('node:fs/promises');
  const url = new URL(`../generated/dict/${DICT_FILE}`, import.meta.url);
  try {
    return new Uint8Array(await readFile(url));
  } catch (err) {
    throw new Error(`tokenizer: cannot read ${url.pathname} (run \`npm run build\`): ${String(err)}`);
  }
}

let memo: Promise<Tokenizer> | undefined;

/** Hands over a tokenizer built at the Worker's start-up (src/analyse/startup-tokenizer.ts). */
export function provideTokenizer(tokenizer: Tokenizer): void {
  memo = Promise.resolve(tokenizer);
}

/** The tokenizer, built on first use (30–50 ms and +13 MB measured in workerd) and shared by every later call in the isolate. */
export function loadTokenizer(): Promise<Tokenizer> {
  memo ??= loadContainer()
    .then(createTokenizer)
    .catch((err: unknown) => {
      memo = undefined; // let the next request retry rather than cache the failure
      throw err;
    });
  return memo;
}
