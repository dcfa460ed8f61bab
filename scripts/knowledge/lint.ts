// `npm run knowledge:lint`: validates knowledge/, runs the project's fact lint (facts.ts) and the shared
// fact check (check-facts); exits 1 with every message.
import { spawnSync } from 'node:child_process';
import { lintAnswers, lintFactsFile } from './facts';
import { KnowledgeError, loadKnowledge } from './load';

let failed = false;
try {
  const { entries, synonyms, answers } = loadKnowledge();
  console.log(`knowledge:lint: ${entries.length} entries and ${synonyms.length} synonym groups are valid`);
  // Beyond check-facts: each number given to this window by its source, no fax as a phone, honest confidence.
  const problems = [...lintFactsFile(entries), ...lintAnswers(answers)];
  if (problems.length > 0) {
    console.error(`knowledge:lint: ${problems.length} fact problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
    failed = true;
  }
} catch (e) {
  if (!(e instanceof KnowledgeError)) throw e;
  console.error(e.message);
  failed = true;
}
// check-facts lives outside the project (../shared): every phone number must have a source.
const facts = spawnSync(process.execPath, ['../shared/tools/check-facts.mjs'], { encoding: 'utf8' });
process.stdout.write(facts.stdout ?? '');
process.stderr.write(facts.stderr ?? '');
if (facts.status !== 0) failed = true;
process.exit(failed ? 1 : 0);
