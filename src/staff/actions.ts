// What staff can do to an escalation, defined once for both surfaces (the pages' forms and the JSON
// API): the body each action takes, what it does, and how each outcome is answered on each surface.
import { z } from 'zod';
import { StatusSchema } from '../core/escalation-status';
import type { Bindings, Config } from '../core/env';
import { addNote, assignEscalation, changeStatus } from '../record/staff-actions';
import { DisplayNameSchema } from './auth/session';
import { replyDeps, sendStaffReply } from './reply';

export type ActionOutcome = 'changed' | 'unchanged' | 'not-found' | 'sent' | 'queued' | 'duplicate' | 'refused' | 'not-configured';

export type ActionContext = { env: Bindings; config: Config; actor: string; now: Date };

type Action<S extends z.ZodType> = {
  body: S;
  /** The page's confirmation when the action changed something, and its key in the redirect. */
  done: { key: string; flash: string };
  /** What a page shows when the form is not valid. */
  formError: string;
  /** What the API answers when the JSON is not valid. */
  apiHint: string;
  run: (id: number, body: z.infer<S>, ctx: ActionContext) => Promise<ActionOutcome>;
};

/** One action as both surfaces use it: the raw body in (a form's fields or JSON), an outcome out. */
export type StaffAction = {
  done: { key: string; flash: string };
  formError: string;
  apiHint: string;
  perform: (id: number, raw: unknown, ctx: ActionContext) => Promise<ActionOutcome | 'invalid'>;
};

function action<S extends z.ZodType>(a: Action<S>): StaffAction {
  return {
    done: a.done,
    formError: a.formError,
    apiHint: a.apiHint,
    perform: async (id, raw, ctx) => {
      const body = a.body.safeParse(raw);
      return body.success ? a.run(id, body.data, ctx) : 'invalid';
    },
  };
}

export const ACTIONS: Record<'status' | 'assign' | 'notes' | 'reply', StaffAction> = {
  status: action({
    body: z.object({ status: StatusSchema }),
    done: { key: 'status', flash: '状態を変更しました。' },
    formError: '状態を選んでください。',
    apiHint: 'send {"status": "new" | "in_progress" | "done"}',
    run: (id, b, x) => changeStatus(x.env.DB, id, b.status, x.actor, x.now),
  }),
  assign: action({
    /** Empty clears the assignee. */
    body: z.object({ assignee: z.union([z.literal('').transform(() => null), DisplayNameSchema, z.null()]) }),
    done: { key: 'assign', flash: '担当を設定しました。' },
    formError: '担当者名は40文字までで、記号 < > は使えません。',
    apiHint: 'send {"assignee": "name" | null}',
    run: (id, b, x) => assignEscalation(x.env.DB, id, b.assignee, x.actor, x.now),
  }),
  notes: action({
    body: z.object({ note: z.string().trim().min(1).max(2000) }),
    done: { key: 'note', flash: 'メモを追加しました。' },
    formError: 'メモを入力してください（2000文字まで）。',
    apiHint: 'send {"note": "..."} (1-2000 characters)',
    run: (id, b, x) => addNote(x.env.DB, id, b.note, x.actor, x.now),
  }),
  reply: action({
    /** LINE's text limit is 5,000 characters; staff replies stay well under it. The key makes a resubmitted form send once. */
    body: z.object({ text: z.string().trim().min(1).max(2000), replyKey: z.uuid().optional() }),
    done: { key: 'sent', flash: 'LINEで送信しました。' },
    formError: '送るメッセージを入力してください（2000文字まで）。',
    apiHint: 'send {"text": "...", "replyKey": "<uuid>"?}',
    run: (id, b, x) => sendStaffReply(id, b.text, b.replyKey ?? crypto.randomUUID(), x.actor, replyDeps(x.env, x.config)),
  }),
};

/** How each outcome is answered: the page's flash (or error and status), the API's status and body. */
export const OUTCOMES: Record<
  ActionOutcome,
  { page: { flash: string } | { error: string; status: 404 | 502 | 503 }; api: { status: 200 | 404 | 502 | 503; body: Record<string, unknown> } }
> = {
  changed: { page: { flash: '変更しました。' }, api: { status: 200, body: { ok: true, changed: true } } },
  unchanged: { page: { flash: '変更はありませんでした。' }, api: { status: 200, body: { ok: true, changed: false } } },
  sent: { page: { flash: 'LINEで送信しました。' }, api: { status: 200, body: { ok: true, outcome: 'sent' } } },
  queued: {
    page: { flash: 'LINEが応答しないため送信待ちにしました。LINEが応答しだい自動で送ります（やりとりの「配信」欄で確認できます）。' },
    api: { status: 200, body: { ok: true, outcome: 'queued' } },
  },
  duplicate: { page: { flash: 'この返信は送信済みです。' }, api: { status: 200, body: { ok: true, outcome: 'duplicate' } } },
  refused: {
    page: { error: 'LINEが受け付けませんでした。宛先や内容を確認してください。', status: 502 },
    api: { status: 502, body: { error: 'LINE did not accept the message' } },
  },
  'not-configured': {
    page: { error: 'LINEのアクセストークンが設定されていないため送信できません。', status: 503 },
    api: { status: 503, body: { error: 'LINE access token is not configured' } },
  },
  'not-found': { page: { error: 'この受付は見つかりません。', status: 404 }, api: { status: 404, body: { error: 'not found' } } },
};

/** An escalation's number in a path. */
export const IdParamSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
