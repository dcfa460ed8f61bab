// Build step: validates knowledge/ and writes src/generated/knowledge.json, the entry data and
// synonyms the Worker imports, so it never parses YAML at request time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from './load';

export async function buildKnowledge(dir = 'knowledge', outDir = 'src/generated'): Promise<void> {
  const { entries, synonyms, routing, answers, translations } = loadKnowledge(dir);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'knowledge.json'), `${JSON.stringify({ entries, synonyms, routing, answers, translations })}\n`);
  console.log(`build-knowledge: ${entries.length} entries, ${answers.length} answers, ${synonyms.length} synonym groups → ${join(outDir, 'knowledge.json')}`);
}
