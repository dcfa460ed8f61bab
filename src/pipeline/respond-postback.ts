// A tap on a quick reply or the rich menu (a postback): a category, 「ほかの窓口」, 「電話以外で相談したい」,
// 「今すぐ話したい」, 「使い方」. Postback data comes back from the client: unparseable data gets the
// clarifying question, never an error.
import { CATEGORY_LABELS } from '../compose/category-labels';
import { formatLine, linesFor, openLineForTopic } from '../compose/crisis';
import { clarifyMessages, textMessage } from '../compose/messages';
import type { Postback } from '../compose/postback';
import { PROMPTS } from '../compose/prompts';
import { fill } from '../compose/prompts-schema';
import { categoryItems, followUpItems } from '../compose/quick-replies';
import { windowsMessage } from '../compose/windows';
import type { Entry } from '../knowledge/schema';
import { categoryWindows } from '../search/search-windows';
import { findWindows } from './find-windows';
import { type RespondContext, type Reply, reply, windowsReply } from './reply';
import type { ConversationState } from './state';

export function respondToPostback(postback: Postback | undefined, data: string, state: ConversationState, ctx: RespondContext): Reply {
  if (postback === undefined) return reply(clarifyMessages(), state, `(postback ${data.slice(0, 60)})`);
  switch (postback.action) {
    case 'category': {
      const label = CATEGORY_LABELS[postback.category];
      const entries = categoryWindows(postback.category);
      const intro = fill(PROMPTS.category_prompt, { category: label });
      const messages = entries.length > 0 ? windowsReply(entries, [postback.category], ctx.now, intro) : [textMessage(intro)];
      return {
        ...reply(messages, { ...state, lastQuery: undefined, lastCategory: postback.category, shown: entries.map((e) => e.id) }, `(${label})`),
        category: postback.category,
      };
    }
    case 'howto':
      return reply([textMessage(PROMPTS.howto)], state, '(使い方)');
    case 'more':
      return more(state, ctx);
    case 'non-phone':
      return nonPhone(state, ctx);
    case 'talk-now':
      return talkNow(state, ctx);
  }
}

/** 「ほかの窓口」: the next windows for the same question (or category), never the ones already shown. */
function more(state: ConversationState, ctx: RespondContext): Reply {
  const entries = nextWindows(state, ctx, state.shown, 3);
  if (entries.length === 0) return reply([textMessage(PROMPTS.no_more_results, categoryItems())], state, '(ほかの窓口)');
  const category = state.lastCategory !== undefined ? [state.lastCategory] : [];
  return reply(
    windowsReply(entries, category, ctx.now, PROMPTS.results_more),
    { ...state, shown: [...state.shown, ...entries.map((e) => e.id)] },
    '(ほかの窓口)',
  );
}

const NON_PHONE = new Set(['walk-in', 'online', 'chat', 'email', 'app', 'visit']);

/** 「電話以外で相談したい」: windows for the same question that take people in person, by chat, mail or online. */
function nonPhone(state: ConversationState, ctx: RespondContext): Reply {
  const entries = nextWindows(state, ctx, [], 10)
    .filter((e) => e.access.some((a) => NON_PHONE.has(a)))
    .slice(0, 3);
  if (entries.length === 0) return reply([textMessage(PROMPTS.non_phone_none, followUpItems(PROMPTS))], state, '(電話以外)');
  return reply([textMessage(PROMPTS.non_phone_intro), windowsMessage(entries, ctx.now, 'ja', { items: followUpItems(PROMPTS) })], state, '(電話以外)');
}

/** 「今すぐ話したい」: lines a person answers right now, for the topic where there is one. */
function talkNow(state: ConversationState, ctx: RespondContext): Reply {
  const category = state.lastCategory;
  const topical = category !== undefined ? openLineForTopic([category], ctx.now) : undefined;
  const lines = linesFor(['mental-health', 'suicide'], ctx.now, 3, { openOnly: true, minimum: 1 }).filter((l) => l.entry.id !== topical?.entry.id);
  const all = [...(topical ? [topical] : []), ...lines].slice(0, 4);
  if (all.length === 0) return reply([textMessage(PROMPTS.talk_now_none)], state, '(今すぐ話したい)');
  return reply(
    [textMessage(`${PROMPTS.talk_now_intro}\n${all.map((l) => formatLine(l, ctx.now)).join('\n')}`, followUpItems(PROMPTS))],
    state,
    '(今すぐ話したい)',
  );
}

function nextWindows(state: ConversationState, ctx: RespondContext, exclude: readonly string[], limit: number): Entry[] {
  const category = state.lastCategory;
  if (state.lastQuery !== undefined) {
    const result = findWindows(state.lastQuery, ctx.tokenizer, { exclude, limit });
    if (result?.confident === true) return result.hits.map((h) => h.entry);
  }
  return category !== undefined ? categoryWindows(category, exclude, limit) : [];
}
