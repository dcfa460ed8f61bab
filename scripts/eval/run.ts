// `npm run eval`: the quality figures of the risk screen and the search, printed (not pass/fail).
import { evaluateRisk, loadRiskCases, printRisk } from './risk.ts';
import { evaluateSearch, loadSearchCases, printSearch } from './search.ts';

printRisk(evaluateRisk(await loadRiskCases()));
printSearch(await evaluateSearch(await loadSearchCases()));
