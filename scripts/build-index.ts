// Builds the search index over the knowledge base with the same analyser the Worker uses, and a map
// from kana readings to the index's words (かいご → 介護), read with kuromoji's full dictionary here at
// build time, so kana-only messages (「かいごほけん しんせい」) find what kanji ones do.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import MiniSearch from 'minisearch';
import { loadTokenizer } from '../src/analyse/tokenizer.ts';
import { toHiragana } from '../src/analyse/normalise.ts';
import { EntrySchema } from '../src/knowledge/schema.ts';
import { analyse } from '../src/analyse/analyse.ts';
import { CATEGORY_LABELS } from '../src/compose/category-labels.ts';
import type { Entry } from '../src/knowledge/schema.ts';
import { indexOptions, type IndexDocument } from '../src/search/index-options.ts';

type FullToken = { surface_form: string; reading?: string; pos: string };
type FullTokenizer = { tokenize(text: string): FullToken[] };

async function fullTokenizer(): Promise<FullTokenizer> {
  const require = createRequire(import.meta.url);
  const kuromoji = require('kuromoji') as { builder(o: { dicPath: string }): { build(cb: (err: Error | null, t: FullTokenizer) => void): void } };
  const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
  return new Promise((resolve, reject) => kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t))));
}

export async function buildIndex(outDir = 'src/generated'): Promise<void> {
  const started = Date.now();
  const raw: unknown = JSON.parse(await readFile(join(outDir, 'knowledge.json'), 'utf8'));
  const entries = EntrySchema.array().parse((raw as { entries: unknown }).entries);
  const tokenizer = await loadTokenizer();
  const index = new MiniSearch<IndexDocument>(indexOptions((text) => analyse(text, tokenizer)));
  index.addAll(entries.map(toDocument));

  // Readings of every kanji word in the index, from the full dictionary (the reduced one has none).
  const full = await fullTokenizer();
  const readings: Record<string, string[]> = {};
  const words = new Set<string>();
  for (const e of entries)
    for (const text of [e.name, ...e.aliases, ...e.problems, ...e.services, e.summary])
      for (const t of full.tokenize(text)) if (t.pos === '名詞' || t.pos === '動詞') words.add(t.surface_form);
  for (const word of words) {
    if (!/\p{Script=Han}/u.test(word)) continue;
    const reading = full
      .tokenize(word)
      .map((t) => t.reading ?? '')
      .join('');
    const kana = toHiragana(reading);
    if (kana.length >= 2 && /^[\u3041-\u3096ー]+$/u.test(kana)) readings[kana] = [...(readings[kana] ?? []), word];
  }
  await writeFile(join(outDir, 'search-index.json'), JSON.stringify(index));
  await writeFile(join(outDir, 'readings.json'), JSON.stringify(readings));
  console.log(`build-index: ${entries.length} entries, ${Object.keys(readings).length} readings in ${Date.now() - started} ms`);
}

/** One entry as the index sees it: its names, residents' problem phrases, services, summary and keywords. */
function toDocument(entry: Entry): IndexDocument {
  return {
    id: entry.id,
    name: entry.name,
    aliases: entry.aliases.join('。'),
    problems: entry.problems.join('。'),
    services: entry.services.join('。'),
    summary: entry.summary,
    keywords: [...entry.categories.map((c) => CATEGORY_LABELS[c]), entry.department ?? ''].join('。'),
  };
}
