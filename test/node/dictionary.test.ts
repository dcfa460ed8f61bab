// The reduced dictionary (scripts/dictionary/build.ts) tokenises in-vocabulary text exactly as the full
// IPADIC dictionary does, and degrades gracefully on words it left out.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDictionary, readVocabularySources } from '../../scripts/dictionary/build';
import { loadTokenizer, type Tokenizer } from '../../src/analyse/tokenizer';

const require = createRequire(import.meta.url);
const FULL_DICT_DIR = join(dirname(require.resolve('kuromoji/package.json')), 'dict');

let reduced: Tokenizer;
let full: KuromojiTokenizer;

/** What the search relies on: the split, the part of speech and the base form. */
const shape = (surface: string, pos: string, detail: string, base: string): string => `${surface}/${pos}/${detail}/${base}`;

beforeAll(async () => {
  await buildDictionary(); // no-op when src/generated/dict is up to date
  reduced = await loadTokenizer();
  full = await new Promise<KuromojiTokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: FULL_DICT_DIR }).build((err, tokenizer) => (err ? reject(new Error(String(err))) : resolve(tokenizer)));
  });
});

describe('reduced dictionary', () => {
  it('tokenises every corpus line exactly like the full dictionary', () => {
    const lines = readFileSync(new URL('../../scripts/dictionary/corpus.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .map((line) => line.trim())
      .filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(1500);
    const differences: string[] = [];
    for (const line of lines) {
      const want = full.tokenize(line).map((t) => shape(t.surface_form, t.pos, t.pos_detail_1, t.basic_form === '*' ? t.surface_form : t.basic_form));
      const got = reduced.tokenize(line).map((t) => shape(t.surface, t.pos, t.posDetail1, t.basicForm));
      if (want.join(' ') !== got.join(' ')) differences.push(`${line}\n  full:    ${want.join(' ')}\n  reduced: ${got.join(' ')}`);
    }
    expect(differences).toEqual([]);
  });

  it('tokenises every text of knowledge/ and prompts/ exactly like the full dictionary', () => {
    // Same texts the vocabulary was collected from (the corpus included, checked above line by line).
    const differences: string[] = [];
    for (const text of readVocabularySources()
      .texts.map((t) => t.trim())
      .filter((t) => t !== '')) {
      const want = full.tokenize(text).map((t) => shape(t.surface_form, t.pos, t.pos_detail_1, t.basic_form === '*' ? t.surface_form : t.basic_form));
      const got = reduced.tokenize(text).map((t) => shape(t.surface, t.pos, t.posDetail1, t.basicForm));
      if (want.join(' ') !== got.join(' ')) differences.push(`${text}\n  full:    ${want.join(' ')}\n  reduced: ${got.join(' ')}`);
    }
    expect(differences).toEqual([]);
  });

  it('gives the expected words for typical messages', () => {
    const words = (text: string): string[] => reduced.tokenize(text).map((t) => t.basicForm);
    expect(words('来月の家賃が払えません')).toEqual(['来月', 'の', '家賃', 'が', '払える', 'ます', 'ん']);
    expect(words('介護保険の申請をしたい')).toEqual(['介護', '保険', 'の', '申請', 'を', 'する', 'たい']);
    expect(words('粗大ごみを出したい')).toEqual(['粗大ごみ', 'を', '出す', 'たい']);
  });

  it('splits out-of-vocabulary words without failing, keeping every character', () => {
    for (const text of ['鬱蒼とした森で蝸牛と蟷螂を観察した', 'ﾊﾟﾁﾝｺで擦った😇', 'Zoomで面談できますか？', '𠮷野家', 'ａｂｃ１２３', '']) {
      const tokens = reduced.tokenize(text);
      expect(tokens.map((t) => t.surface).join('')).toBe(text);
      for (const t of tokens) expect(t.basicForm).not.toBe('');
    }
    expect(reduced.tokenize('蟷螂').some((t) => !t.known)).toBe(true);
  });

  it('reports positions in UTF-16 code units', () => {
    const tokens = reduced.tokenize('家賃が払えません');
    expect(tokens.map((t) => t.position)).toEqual([0, 2, 3, 5, 7]);
  });
});
