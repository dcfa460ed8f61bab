// Builds the tokenizer in the Worker's global scope, at script start-up, instead of on the first
// request: start-up has its own time limit, while a request's CPU time is what the free plan caps at
// 10 ms (../shared/reference/platform.md; building takes 30–50 ms). Imported by src/index.ts only, so
// Node (build scripts, evaluation) never sees the Data module import.
import dictionary from '../generated/dict/dict.bin';
import { consoleLogger } from '../core/log';
import { createTokenizer, provideTokenizer } from './tokenizer';

try {
  provideTokenizer(createTokenizer(new Uint8Array(dictionary)));
} catch (error) {
  // Never let the analyser take the Worker down: the risk screen and crisis replies do not need it,
  // and loadTokenizer() will try again on the next request.
  consoleLogger.error('analyse: tokenizer could not be built at start-up', { error: error instanceof Error ? error.message : String(error) });
}
