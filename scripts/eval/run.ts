// `npm run eval`: the quality figures, printed (not pass/fail). First-sight figures come first — sets
// written by helpers who never saw the code, and not tuned to (README "Quality" says which set is
// first sight for what; scripts/risk-model/sets.ts for the risk sets).
import { decodeModel } from '../../src/risk/model.ts';
import { leaveOneOut } from '../risk-model/train.ts';
import { FIRST_SIGHT_CONVERSATIONS, FIRST_SIGHT_SET, FROZEN_CONVERSATIONS, FROZEN_SET, loadRiskCases, RULE_SETS } from '../risk-model/sets.ts';
import { evaluateAnswers, loadAnswerCases, printAnswers } from './answers.ts';
import { evaluateLanguages, loadLanguageCases, printLanguages } from './languages.ts';
import { evaluateConversations, loadConversations, pct, printRisk, quietFigures, recallByLanguage } from './risk.ts';
import { evaluateSearch, loadSearchCases, printSearch } from './search.ts';

async function riskSet(set: string, conversationsFile: string, title: string): Promise<void> {
  console.log(`━━ ${title}`);
  const cases = await loadRiskCases(set);
  printRisk(cases, set);
  console.log(
    `  any risk level by language: ${Object.entries(recallByLanguage(cases))
      .map(([lang, c]) => `${lang} ${pct(c)}`)
      .join(', ')}`,
  );
  const quiet = quietFigures(cases);
  console.log(`  everyday questions answered with a line to talk to now: 14:00 ${pct(quiet.day)}, 23:30 ${pct(quiet.night)}`);
  for (const example of quiet.examples) console.log(`    ${example}`);
  const conversations = evaluateConversations(await loadConversations(conversationsFile));
  console.log(
    `  conversations (${conversationsFile}): risk flagged ${pct(conversations.risk)}, emergency at emergency ${pct(conversations.emergency)}, false alarms ${pct(conversations.falseAlarms)}`,
  );
  for (const miss of conversations.misses) console.log(`    ${miss}`);
}

await riskSet(FROZEN_SET, FROZEN_CONVERSATIONS, 'Risk screen, first sight: the frozen-model set, written after the model was frozen');
await riskSet(
  FIRST_SIGHT_SET,
  FIRST_SIGHT_CONVERSATIONS,
  'Risk screen: the set written before the model existed (first scored at the first freeze; seen since)',
);

console.log('\n━━ Risk screen, leave one set out: each rule set scored by a model trained without it (the rules were written from these sets)');
for (const file of RULE_SETS)
  printRisk(await loadRiskCases(file), `${file} (model trained without it)`, decodeModel(await leaveOneOut(file)), { misses: false });

console.log('\n━━ Languages');
printLanguages(await evaluateLanguages(await loadLanguageCases()), 'test/eval/languages.yaml');

console.log('\n━━ Answers');
printAnswers(
  await evaluateAnswers(await loadAnswerCases('test/eval/answers-heldback.yaml')),
  'test/eval/answers-heldback.yaml (first sight: kept back until the learned matcher was frozen)',
);
printAnswers(
  await evaluateAnswers(await loadAnswerCases('test/eval/answers.yaml')),
  'test/eval/answers.yaml (first scored with the older matcher; seen since)',
);

console.log('\n━━ Routing');
for (const file of ['test/eval/search-heldback.yaml', 'test/eval/search-fresh.yaml', 'test/eval/search-real.yaml', 'test/eval/search-cases.yaml'])
  printSearch(await evaluateSearch(await loadSearchCases(file)), file);
