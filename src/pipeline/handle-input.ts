// Runs one resident input through the pipeline with its I/O: claim the event once, load the
// conversation, respond (pure), send, then record. Sending comes before recording, and every database
// step may fail on its own without stopping the reply: a resident is answered even when D1 is down.
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { claimEvent, finishEventStatement } from '../record/events';
import { ensureSchema } from '../record/migrate';
import { getConversation, pseudonymFor, saveStateStatement } from '../record/conversations';
import { turnStatements } from '../record/messages';
import { createEscalation, markNotified } from '../record/escalations';
import type { StaffNotice } from './notify-staff';
import type { BaseContext } from './context';
import type { Message } from '../send/line-api';
import { respond, type Input } from './respond';
import { readState } from './state';

export type ResidentInput = { userId: string; eventId: string; input: Input; kind: string };

export type PipelineDeps = {
  db: D1Database;
  clock: Clock;
  log: Logger;
  /** Delivers the reply (LINE reply/push for the webhook; captured for the dev chat). */
  send: (messages: Message[]) => Promise<void>;
  context: () => Promise<BaseContext>;
  /** Tells staff about a new escalation; returns the channels that took it. */
  notify?: (notice: StaffNotice) => Promise<string[]>;
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
  const reply = respond(event.input, readState(conversation?.state), { ...(await deps.context()), staffHandling: conversation?.staffHandling ?? false });

  await deps.send(reply.messages);

  if (schemaReady) {
    // One batch, one round trip, one transaction: the turns, the new state, and the event marked done.
    const pseudonym = await pseudonymFor(event.userId);
    await attempt('record', () =>
      db.batch([
        ...turnStatements(
          db,
          [
            { userId: event.userId, direction: 'in', kind: event.kind, text: reply.inText, eventId: event.eventId, riskLevel: reply.riskLevel, category: reply.category, answered: reply.answered },
            { userId: event.userId, direction: 'bot', kind: 'reply', text: reply.outText, eventId: event.eventId },
          ],
          now,
        ),
        saveStateStatement(db, event.userId, pseudonym, JSON.stringify(reply.state), now),
        finishEventStatement(db, event.eventId),
      ]),
    );
    const flagged = reply.escalation;
    if (flagged !== undefined) {
      const id = await attempt('escalate', () => createEscalation(db, { userId: event.userId, level: flagged.level, rule: flagged.rule, messageText: reply.inText, eventId: event.eventId }, now));
      // Notified once: only the delivery that created the escalation row notifies.
      if (id !== undefined && deps.notify !== undefined) {
        const notify = deps.notify;
        const channels = await attempt('notify staff', async () => notify({ escalationId: id, level: flagged.level, rule: flagged.rule, pseudonym, at: now, eventId: event.eventId }));
        await attempt('mark notified', () => markNotified(db, id, channels ?? [], now));
      }
    }
  }
  return { status: 'handled', messages: reply.messages };
}
