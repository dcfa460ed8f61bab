// `npm run knowledge:lint`: validates knowledge/ and runs the shared fact check; exits 1 with every message.
import { spawnSync } from 'node:child_process';
import { KnowledgeError, loadKnowledge } from './load';

let failed = false;
try {
  const { entries, synonyms } = loadKnowledge();
  console.log(`knowledge:lint: ${entries.length} entries and ${synonyms.length} synonym groups are valid`);
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
