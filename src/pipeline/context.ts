// What respond() needs besides the input: the time now (from the one clock).
import type { Clock } from '../clock';
import type { RespondContext } from './respond';

export async function respondContext(clock: Clock): Promise<RespondContext> {
  return { now: clock() };
}
