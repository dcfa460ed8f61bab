// A tap on a quick reply or the rich menu (a postback): a category, 「ほかの窓口」, 「電話以外で相談したい」,
// 「今すぐ話したい」, 「使い方」, the language menu, a rating of the answer, a question about the window
// shown. Postback data comes back from the client: unparseable data gets the clarifying question, never
// an error. Every reply is in the conversation's language.
import { categoryLabel } from '../compose/category-labels';
import { formatLine, linesFor, openLineForTopic } from '../compose/crisis';
import { clarifyMessages, textMessage } from '../compose/messages';
import type { Postback } from '../compose/postback';
import { promptsFor } from '../compose/prompts';
import { fill } from '../compose/prompts-schema';
import { categoryItems, followUpItems, languageItems } from '../compose/quick-replies';
import { displayName } from '../compose/display-name';
import { mapUri, windowsMessage } from '../compose/windows';
import type { Locale } from '../core/locale';
import { ANSWERS, answerById, entryById } from '../knowledge/data';
import type { Entry } from '../knowledge/schema';
import { categoryWindows } from '../search/search-windows';
import { findWindows } from './find-windows';
import { type RespondContext, type Reply, reply, windowsReply } from './reply';
import type { ConversationState } from './state';

export function respondToPostback(postback: Postback | undefined, data: string, state: ConversationState, ctx: RespondContext): Reply {
  const locale = ctx.locale ?? state.lang ?? 'ja';
  const p = promptsFor(locale);
  if (postback === undefined) return reply(clarifyMessages(locale), state, `(postback ${data.slice(0, 60)})`);
  switch (postback.action) {
    case 'category': {
      const label = categoryLabel(postback.category, locale);
      const entries = categoryWindows(postback.category);
      const intro = fill(p.category_prompt, { category: label });
      const messages = entries.length > 0 ? windowsReply(entries, [postback.category], ctx.now, locale, intro) : [textMessage(intro)];
      return {
        ...reply(
          messages,
          { ...state, lastQuery: undefined, lastAnswer: undefined, lastCategory: postback.category, shown: entries.map((e) => e.id) },
          `(${label})`,
        ),
        category: postback.category,
      };
    }
    case 'howto':
      return reply([textMessage(p.howto)], state, '(使い方)');
    case 'more':
      return more(state, ctx, locale);
    case 'non-phone':
      return nonPhone(state, ctx, locale);
    case 'talk-now':
      return talkNow(state, ctx, locale);
    case 'language':
      return reply([textMessage(p.language_prompt, languageItems())], state, '(言語)');
    case 'set-language': {
      const chosen = promptsFor(postback.locale);
      const set = postback.locale === 'easy-ja' ? chosen.easy_japanese_set : chosen.language_set;
      return {
        ...reply([textMessage(set, categoryItems(postback.locale))], { ...state, lang: postback.locale, langChosen: true }, `(言語: ${postback.locale})`),
        locale: postback.locale,
      };
    }
    case 'feedback': {
      const helpful = postback.helpful === 'yes';
      const answer = postback.answer ?? state.lastAnswer;
      const messages = helpful ? [textMessage(p.feedback_thanks)] : [textMessage(p.feedback_sorry, followUpItems(locale))];
      return {
        ...reply(messages, state, helpful ? '(役に立った)' : '(役に立たなかった)'),
        feedback: { helpful, answer: answer !== undefined && answerById(answer) !== undefined ? answer : undefined, question: state.lastQuery },
      };
    }
    case 'follow-up':
      return followUp(postback.about, state, ctx, locale);
  }
}

/** 「ほかの窓口」: the next windows for the same question (or category), never the ones already shown. */
function more(state: ConversationState, ctx: RespondContext, locale: Locale): Reply {
  const p = promptsFor(locale);
  const entries = nextWindows(state, ctx, state.shown, 3);
  if (entries.length === 0) return reply([textMessage(p.no_more_results, categoryItems(locale))], state, '(ほかの窓口)');
  const category = state.lastCategory !== undefined ? [state.lastCategory] : [];
  return reply(
    windowsReply(entries, category, ctx.now, locale, p.results_more),
    { ...state, shown: [...state.shown, ...entries.map((e) => e.id)] },
    '(ほかの窓口)',
  );
}

const NON_PHONE = new Set(['walk-in', 'online', 'chat', 'email', 'app', 'visit']);

/** 「電話以外で相談したい」: windows for the same question that take people in person, by chat, mail or online. */
function nonPhone(state: ConversationState, ctx: RespondContext, locale: Locale): Reply {
  const p = promptsFor(locale);
  const entries = nextWindows(state, ctx, [], 10)
    .filter((e) => e.access.some((a) => NON_PHONE.has(a)))
    .slice(0, 3);
  if (entries.length === 0) return reply([textMessage(p.non_phone_none, followUpItems(locale))], state, '(電話以外)');
  return reply([textMessage(p.non_phone_intro), windowsMessage(entries, ctx.now, locale, { items: followUpItems(locale) })], state, '(電話以外)');
}

/** 「今すぐ話したい」: lines a person answers right now, for the topic where there is one. */
function talkNow(state: ConversationState, ctx: RespondContext, locale: Locale): Reply {
  const p = promptsFor(locale);
  const category = state.lastCategory;
  const topical = category !== undefined ? openLineForTopic([category], ctx.now) : undefined;
  const lines = linesFor(['mental-health', 'suicide'], ctx.now, 3, { openOnly: true, minimum: 1, locale }).filter((l) => l.entry.id !== topical?.entry.id);
  const all = [...(topical ? [topical] : []), ...lines].slice(0, 4);
  if (all.length === 0) return reply([textMessage(p.talk_now_none)], state, '(今すぐ話したい)');
  return reply(
    [textMessage(`${p.talk_now_intro}\n${all.map((l) => formatLine(l, ctx.now, locale)).join('\n')}`, followUpItems(locale))],
    state,
    '(今すぐ話したい)',
  );
}

/**
 * 「必要なもの」「場所・地図」「予約は？」 about the first window shown, answered only from data: what to
 * bring from an answer's source, the address from the entry, 予約制 where the entry says so. Where the
 * data says nothing, the reply says that, and to ask the window.
 */
function followUp(about: 'bring' | 'place' | 'reservation', state: ConversationState, ctx: RespondContext, locale: Locale): Reply {
  const p = promptsFor(locale);
  const entry = state.shown[0] === undefined ? undefined : entryById(state.shown[0]);
  const label = `(${about === 'bring' ? p.label_bring : about === 'place' ? p.label_place : p.label_reservation})`;
  if (entry === undefined) return reply([textMessage(p.followup_none, categoryItems(locale))], state, label);
  const name = displayName(entry, locale);
  const items = followUpItems(locale, { window: true });
  switch (about) {
    case 'bring': {
      const bring = bringFor(entry, state.lastAnswer);
      const text =
        bring === undefined ? fill(p.followup_bring_unknown, { name }) : `${fill(p.followup_bring, { name })}\n${bring.map((b) => `・${b}`).join('\n')}`;
      return reply([textMessage(text, items)], state, label);
    }
    case 'place': {
      if (entry.address === undefined) return reply([textMessage(fill(p.followup_place_unknown, { name }), items)], state, label);
      return reply([textMessage(`${fill(p.followup_place, { name })}\n📍 ${entry.address.text}\n${mapUri(entry.address.text)}`, items)], state, label);
    }
    case 'reservation': {
      const text = entry.access.includes('reservation') ? p.followup_reservation_yes : p.followup_reservation_unknown;
      const call = windowsMessage([entry], ctx.now, locale);
      return reply([textMessage(fill(text, { name }), items), call], state, label);
    }
  }
}

/**
 * What to bring, as a source says: the answer just given when it names this window, else the one list the
 * answers about this window agree on. Never merged from different procedures.
 */
function bringFor(entry: Entry, lastAnswer: string | undefined): string[] | undefined {
  const last = lastAnswer === undefined ? undefined : answerById(lastAnswer);
  if (last?.bring !== undefined && last.windows.includes(entry.id)) return last.bring;
  const lists = ANSWERS.filter((a) => a.windows.includes(entry.id)).flatMap((a) => (a.bring === undefined ? [] : [a.bring]));
  const [first] = lists;
  return first !== undefined && lists.every((l) => l.join('\n') === first.join('\n')) ? first : undefined;
}

function nextWindows(state: ConversationState, ctx: RespondContext, exclude: readonly string[], limit: number): Entry[] {
  const category = state.lastCategory;
  if (state.lastQuery !== undefined) {
    const result = findWindows(state.lastQuery, ctx.tokenizer, { exclude, limit });
    if (result?.confident === true) return result.hits.map((h) => h.entry);
  }
  return category !== undefined ? categoryWindows(category, exclude, limit) : [];
}
