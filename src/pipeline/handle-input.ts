// Runs one resident input through the pipeline with its I/O: claim the event once, load the
// conversation, respond (pure), send, then record. Sending comes before recording, and every database
// step may fail on its own without stopping the reply: a resident is answered even when D1 is down.
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { claimEvent, finishEvent } from '../record/events';
import { ensureSchema } from '../record/migrate';
import { getConversation, saveConversationState } from '../record/conversations';
import { recordTurns } from '../record/messages';
import type { Message } from '../send/line-api';
import { respond, type Input, type RespondContext } from './respond';
import { readState } from './state';

export type ResidentInput = { userId: string; eventId: string; input: Input; kind: string };

export type PipelineDeps = {
  db: D1Database;
  clock: Clock;
  log: Logger;
  /** Delivers the reply (LINE reply/push for the webhook; captured for the dev chat). */
  send: (messages: Message[]) => Promise<void>;
  context: () => Promise<RespondContext>;
};

export type Outcome = { status: 'handled'; messages: Message[] } | { status: 'duplicate' };

export async function handleInput(event: ResidentInput, deps: PipelineDeps): Promise<Outcome> {
  const { db, log } = deps;
  const now = deps.clock();
  const attempt = async <T>(step: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      log.error(`pipeline: ${step} failed`, { eventId: event.eventId, error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  };

  const schemaReady = (await attempt('ensure schema', () => ensureSchema(db).then(() => true))) === true;
  if (schemaReady) {
    const claimed = await attempt('claim event', () => claimEvent(db, event.eventId, now));
    // Without the database we cannot tell a redelivery apart: answering twice beats not answering.
    if (claimed === false) return { status: 'duplicate' };
  }
  const conversation = schemaReady ? await attempt('load conversation', () => getConversation(db, event.userId)) : undefined;
  const reply = respond(event.input, readState(conversation?.state), await deps.context());

  await deps.send(reply.messages);

  if (schemaReady) {
    await attempt('record turns', () =>
      recordTurns(
        db,
        [
          { userId: event.userId, direction: 'in', kind: event.kind, text: reply.inText, eventId: event.eventId, riskLevel: reply.riskLevel, category: reply.category, answered: reply.answered },
          { userId: event.userId, direction: 'bot', kind: 'reply', text: reply.outText, eventId: event.eventId },
        ],
        now,
      ),
    );
    await attempt('save state', () => saveConversationState(db, event.userId, JSON.stringify(reply.state), now));
    await attempt('finish event', () => finishEvent(db, event.eventId));
  }
  return { status: 'handled', messages: reply.messages };
}
