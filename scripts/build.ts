// Build step run before `npm start`, `npm test` and deploy: turns the editable sources (migrations/,
// knowledge/, prompts/, training/) into the artefacts the Worker imports from src/generated/, so the Worker never
// parses YAML or builds an index at request time. Fails loudly, naming the file and field at fault.
import { buildMigrations } from './build-migrations.ts';
import { buildPrompts } from './build-prompts.ts';
import { buildKnowledge } from './knowledge/build.ts';
import { buildDictionary } from './dictionary/build.ts';
import { buildRiskModel } from './risk-model/train.ts';

const started = Date.now();
await buildMigrations();
await buildPrompts();
await buildKnowledge();
await buildDictionary(); // after knowledge/prompts: its vocabulary comes from them
await buildRiskModel(); // after the dictionary (it reads words) and knowledge (everyday problems as negatives); skipped when unchanged
// After the dictionary (the index is analysed with it) and the prompts (it reads their category names):
// imported only now, because importing it reads src/generated/prompts.json.
const { buildIndex } = await import('./build-index.ts');
await buildIndex();
// After the index: analysing the answers' phrasings reads the kana readings it writes.
const { buildAnswers } = await import('./build-answers.ts');
await buildAnswers();
console.log(`build: done in ${Date.now() - started} ms`);
