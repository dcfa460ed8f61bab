// `npm run eval`: the quality figures of the risk screen and the search, printed (not pass/fail).
import { evaluateRisk, loadRiskCases, printRisk, RISK_SETS } from './risk.ts';
import { evaluateSearch, loadSearchCases, printSearch } from './search.ts';

for (const file of RISK_SETS) printRisk(evaluateRisk(await loadRiskCases(file)), file);
printSearch(await evaluateSearch(await loadSearchCases()));
