// Answers turns that were recorded but never answered (the isolate died between the intake and the
// reply, or something in between threw): the stored words go through the pipeline again, answered by
// push (the reply token is long gone). Run by the cron job.
import { listStuckTurns } from '../record/events';
import { handleInput, type PipelineDeps } from './handle-input';
import type { Input } from './respond';

/** Older than any delivery could still be running (the budget is well under this). */
const STUCK_AFTER_MS = 5 * 60 * 1000;

export async function recoverStuckTurns(deps: PipelineDeps): Promise<number> {
  const now = deps.clock();
  const stuck = await listStuckTurns(deps.db, new Date(now.getTime() - STUCK_AFTER_MS));
  for (const turn of stuck) {
    // Only words can be answered again; a sticker or a tap long ago is just closed (its turn is recorded).
    const input: Input = turn.kind === 'text' ? { kind: 'text', text: turn.text } : { kind: 'media', type: turn.kind };
    try {
      await handleInput({ userId: turn.userId, eventId: turn.eventId, kind: turn.kind, input }, deps);
    } catch (error) {
      deps.log.error('recover: turn failed', { eventId: turn.eventId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (stuck.length > 0) deps.log.info('recover: answered stuck turns', { count: stuck.length });
  return stuck.length;
}
