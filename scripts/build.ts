// Build step run before `npm start`, `npm test` and deploy: turns the editable sources (migrations/,
// knowledge/, prompts/) into the artefacts the Worker imports from src/generated/, so the Worker never
// parses YAML or builds an index at request time. Fails loudly, naming the file and field at fault.
import { buildMigrations } from './build-migrations.ts';
import { buildPrompts } from './build-prompts.ts';
import { buildKnowledge } from './knowledge/build.ts';
import { buildDictionary } from './dictionary/build.ts';
import { buildIndex } from './build-index.ts';

const started = Date.now();
await buildMigrations();
await buildPrompts();
await buildKnowledge();
await buildDictionary(); // after knowledge/prompts: its vocabulary comes from them
await buildIndex(); // after the dictionary: the index is analysed with it
console.log(`build: done in ${Date.now() - started} ms`);
