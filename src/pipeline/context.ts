// What respond() needs besides the input and the conversation: the time now (from the one clock).
import type { Clock } from '../clock';
import type { RespondContext } from './respond';

export type BaseContext = Omit<RespondContext, 'staffHandling'>;

export async function respondContext(clock: Clock): Promise<BaseContext> {
  return { now: clock() };
}
