// What respond() needs besides the input and the conversation: the time now (from the one clock) and the analyser.
import { loadTokenizer, type Tokenizer } from '../analyse/tokenizer';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import type { RespondContext } from './respond';

export type BaseContext = Omit<RespondContext, 'staffHandling'>;

/** The time now and the analyser. If the analyser cannot load, search is skipped; the risk screen is not. */
export async function respondContext(clock: Clock, log: Logger): Promise<BaseContext> {
  let tokenizer: Tokenizer | undefined;
  try {
    tokenizer = await loadTokenizer();
  } catch (error) {
    log.error('analyse: tokenizer unavailable; answering without search', { error: error instanceof Error ? error.message : String(error) });
  }
  return { now: clock(), tokenizer };
}
