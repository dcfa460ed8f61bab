// D1 unavailable: the pipeline in workerd with a database stand-in that fails, so the resident must still
// get an answer (a crisis reply above all) and every failed step must be logged.
import { describe, expect, it } from 'vitest';
import type { Fields, Logger } from '../../src/core/log';
import { handleInput, type ResidentInput } from '../../src/pipeline/handle-input';
import { respondContext } from '../../src/pipeline/context';
import { respond } from '../../src/pipeline/respond';
import { readState } from '../../src/pipeline/state';
import type { DeferredRecord } from '../../src/pipeline/record-turn';
import type { Message } from '../../src/send/line-api';

const NOW = new Date('2026-11-28T23:30:00+09:00');
const clock = () => new Date(NOW.getTime());

type Logged = { level: 'info' | 'warn' | 'error'; msg: string; fields: Fields | undefined };

function capturingLogger(): { log: Logger; lines: Logged[] } {
  const lines: Logged[] = [];
  return {
    lines,
    log: {
      info: (msg, fields) => void lines.push({ level: 'info', msg, fields }),
      warn: (msg, fields) => void lines.push({ level: 'warn', msg, fields }),
      error: (msg, fields) => void lines.push({ level: 'error', msg, fields }),
    },
  };
}

const unavailable = () => new Error('D1_ERROR: Network connection lost (stand-in)');

/** prepare() itself throws: the binding is broken. */
function throwingOnPrepare(): D1Database {
  const fail = () => {
    throw unavailable();
  };
  const db: Pick<D1Database, 'prepare' | 'batch' | 'exec' | 'dump'> = { prepare: fail, batch: fail, exec: fail, dump: fail };
  return db as D1Database;
}

/** prepare() works, every query rejects: the database is down or times out. */
function rejectingQueries(): D1Database {
  const reject = () => Promise.reject(unavailable());
  const statement = (): D1PreparedStatement => {
    const s: Pick<D1PreparedStatement, 'bind' | 'first' | 'run' | 'all' | 'raw'> = {
      bind: () => statement(),
      first: reject,
      run: reject,
      all: reject,
      raw: reject,
    };
    return s as D1PreparedStatement;
  };
  const db: Pick<D1Database, 'prepare' | 'batch' | 'exec' | 'dump'> = { prepare: () => statement(), batch: reject, exec: reject, dump: reject };
  return db as D1Database;
}

async function run(db: D1Database, text: string, userId: string) {
  const { log, lines } = capturingLogger();
  const sent: Message[][] = [];
  const notices: string[] = [];
  const deferred: DeferredRecord[] = [];
  const input: ResidentInput = { userId, eventId: `01FAULTD1${userId}`, kind: 'text', input: { kind: 'text', text } };
  const outcome = await handleInput(input, {
    db,
    clock,
    log,
    sender: {
      deliver: async (d) => {
        sent.push(d.messages);
        return { status: 'sent', via: 'reply', attempts: 1 };
      },
    },
    notifier: {
      channels: [{ channel: 'webhook', target: 'https://staff.test/hook' }],
      send: async (notice) => {
        notices.push(notice.text);
        return { ok: true };
      },
    },
    context: () => respondContext(clock, log),
    defer: async (record) => void deferred.push(record),
  });
  return { outcome, sent, lines, notices, deferred };
}

describe.each([
  ['prepare() throws', throwingOnPrepare],
  ['every query rejects', rejectingQueries],
])('D1 unavailable (%s)', (_name, makeDb) => {
  it('still sends the crisis reply to 「死にたい」, tells staff, keeps the turn for later and logs the failure', async () => {
    const { outcome, sent, lines, notices, deferred } = await run(makeDb(), '死にたい', 'Ufaultd1crisis');
    // Staff hear of it now (no words, no id yet: the record is written when D1 is back).
    expect(notices).toHaveLength(1);
    expect(notices[0]).not.toContain('死にたい');
    // The whole turn waits in the Queue: the words, the escalation and the bot's answer.
    expect(deferred).toHaveLength(1);
    expect(deferred[0]?.intake.inbound.text).toBe('死にたい');
    expect(deferred[0]?.intake.escalation?.level).toBe('high');
    expect(deferred[0]?.outcome.bot.delivery).toBe('sent');
    // What the pipeline says to this message with no conversation on record: the crisis reply.
    const expected = respond({ kind: 'text', text: '死にたい' }, readState(undefined), {
      ...(await respondContext(clock, capturingLogger().log)),
      staffHandling: false,
    });
    expect(expected.escalation).toBeDefined();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual(expected.messages);
    expect(outcome.status).toBe('handled');
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]?.msg).toMatch(/^pipeline: .* failed$/);
    expect(String(errors[0]?.fields?.error)).toContain('D1_ERROR');
    expect(errors[0]?.fields?.eventId).toBe('01FAULTD1Ufaultd1crisis');
  });

  it('still answers an ordinary message', async () => {
    const { sent, lines } = await run(makeDb(), '粗大ごみを出したい', 'Ufaultd1plain');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.length).toBeGreaterThanOrEqual(1);
    expect(lines.some((l) => l.level === 'error')).toBe(true);
  });
});
