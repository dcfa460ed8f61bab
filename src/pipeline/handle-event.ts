// Turns one verified LINE event into a resident input for the pipeline, with LINE delivery as its sender.
import type { Clock } from '../clock';
import type { Config } from '../env';
import type { Logger } from '../log';
import { ensureSchema } from '../record/migrate';
import { forgetResident } from '../record/conversations';
import { deliver } from '../send/deliver';
import { makeLineApi, type LineApi, type Message } from '../send/line-api';
import type { LineEvent } from '../webhook/parse-events';
import { handleInput, type ResidentInput } from './handle-input';
import { parsePostback } from './postback';
import { respondContext } from './context';
import { notifyStaff } from './notify-staff';

export type EventDeps = { db: D1Database; config: Config; clock: Clock; log: Logger };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** LINE's own limit for a text message (https://developers.line.biz/en/reference/messaging-api/#text-message): longer is not LINE's. */
const MAX_TEXT_LENGTH = 5000;

export async function handleEvent(event: LineEvent, deps: EventDeps): Promise<void> {
  const userId = event.source.userId;
  if (event.type === 'unfollow') {
    await ensureSchema(deps.db);
    const { kept } = await forgetResident(deps.db, userId);
    deps.log.info('unfollow: resident data', { eventId: event.webhookEventId, kept });
    return;
  }
  const api = lineApi(deps.config, deps.log);
  const send = async (messages: Message[]) => {
    if (api === undefined) return;
    await deliver({ replyToken: event.replyToken, userId, messages }, { api, sleep, newRetryKey: () => crypto.randomUUID(), log: deps.log });
  };
  const input: ResidentInput = { userId, eventId: event.webhookEventId, ...toInput(event) };
  const notify = (notice: Parameters<typeof notifyStaff>[0]) =>
    notifyStaff(notice, { api, notifyTo: deps.config.STAFF_NOTIFY_TO, webhookUrl: deps.config.STAFF_WEBHOOK_URL, log: deps.log, sleep });
  const outcome = await handleInput(input, { db: deps.db, clock: deps.clock, log: deps.log, send, notify, context: () => respondContext(deps.clock, deps.log) });
  if (outcome.status === 'duplicate') deps.log.info('webhook: duplicate event skipped', { eventId: event.webhookEventId, isRedelivery: event.deliveryContext.isRedelivery });
}

function toInput(event: Exclude<LineEvent, { type: 'unfollow' }>): Pick<ResidentInput, 'input' | 'kind'> {
  switch (event.type) {
    case 'follow':
      return { kind: 'follow', input: { kind: 'follow' } };
    case 'postback':
      return { kind: 'postback', input: { kind: 'postback', postback: parsePostback(event.postback.data), data: event.postback.data } };
    case 'message':
      return event.message.type === 'text'
        ? { kind: 'text', input: { kind: 'text', text: event.message.text.slice(0, MAX_TEXT_LENGTH) } }
        : { kind: event.message.type, input: { kind: 'media', type: event.message.type } };
  }
}

function lineApi(config: Config, log: Logger): LineApi | undefined {
  if (config.LINE_CHANNEL_ACCESS_TOKEN === undefined) {
    log.error('send: LINE_CHANNEL_ACCESS_TOKEN is not set; replies cannot be sent');
    return undefined;
  }
  return makeLineApi(config.LINE_CHANNEL_ACCESS_TOKEN, config.LINE_API_BASE_URL);
}
