import { beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizer, type Tokenizer } from '../../src/analyse/tokenizer';
import { respond, type RespondContext } from '../../src/pipeline/respond';
import { readState } from '../../src/pipeline/state';
import { parsePostback } from '../../src/compose/postback';
import type { Message } from '../../src/send/line-api';
import { ANSWERS, ENTRIES } from '../../src/knowledge/data';
import { fold } from '../../src/analyse/normalise';
import { loadAnswerCases } from '../../scripts/eval/answers';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

const ctx = (over: Partial<RespondContext> = {}): RespondContext => ({ now: new Date('2026-11-25T10:00:00+09:00'), staffHandling: false, tokenizer, ...over });
const text = (m: Message | undefined) => (m === undefined ? '' : m.type === 'text' ? m.text : m.type === 'flex' ? m.altText : '');
/** Width, kana and spacing folded, punctuation dropped: the same message written a little differently. */
const foldForCompare = (t: string) => fold(t).replace(/[\s、。，．,.!?！？「」]/gu, '');
const say = (t: string, over: Partial<RespondContext> = {}) => respond({ kind: 'text', text: t }, readState(undefined), ctx(over));

describe('respond', () => {
  it('answers risk and need together: the crisis reply first, then windows for the need', () => {
    const reply = say('借金で死ぬしかない');
    expect(reply.escalation?.level).toBe('high');
    expect(text(reply.messages[0])).toContain('打ち明けてくれて');
    expect(reply.messages.some((m) => m.type === 'flex')).toBe(true);
    expect(reply.messages.length).toBeLessThanOrEqual(5);
  });

  it('tells the resident that staff will answer while a person handles the conversation, and still screens', () => {
    const normal = say('介護保険の申請をしたい', { staffHandling: true });
    expect(text(normal.messages.at(-1))).toContain('区の担当者');
    const crisis = say('死にたい', { staffHandling: true });
    expect(crisis.escalation).toBeDefined();
    expect(text(crisis.messages.at(-1))).toContain('区の担当者');
  });

  it('asks a clarifying question with category buttons when unsure, and records it as unanswered', () => {
    const reply = say('ちょっと相談があります');
    expect(reply.answered).toBe(false);
    const last = reply.messages.at(-1);
    expect(last?.quickReply?.items?.length ?? 0).toBeGreaterThanOrEqual(10);
  });

  it('shows the next windows, not the same ones, for 「ほかの窓口」', () => {
    const first = say('介護保険の申請をしたい');
    const more = respond({ kind: 'postback', postback: { action: 'more' }, data: 'action=more' }, first.state, ctx());
    const shownFirst = first.windows ?? [];
    expect(shownFirst.length).toBeGreaterThan(0);
    expect(more.state.shown.slice(shownFirst.length).some((id) => shownFirst.includes(id))).toBe(false);
  });
});

describe('quiet where nothing is wrong (after hours)', () => {
  const night = new Date('2026-12-02T23:30:00+09:00');
  const crisisNumbers = ENTRIES.filter((e) =>
    e.risks.some((r) => ['suicide', 'self-harm', 'mental-health', 'child-abuse', 'dv', 'sexual-violence'].includes(r)),
  ).flatMap((e) => e.phones.map((p) => p.number).filter((n) => n !== '110' && n !== '119'));
  it.each([
    '住民票の写しを取りたい',
    '体育館の利用時間を知りたい',
    '粗大ごみの出し方',
    'マイナンバーカードの更新',
    '転入届はどこで出せますか',
    '図書館の本の返却',
  ])('gives %s at 23:30 no crisis line', (question) => {
    const reply = say(question, { now: night });
    expect(reply.escalation).toBeUndefined();
    const all = reply.messages.map(text).join('\n');
    for (const number of crisisNumbers) expect(all, number).not.toMatch(new RegExp(`(?<![\\d-])${number.replace('#', '\\#')}(?!\\d)`));
    expect(all).not.toContain('いますぐ誰かと話したいときは');
  });

  it('never offers the abuse-report dial to a tired parent at 6 a.m. (staff may still be told, tentatively)', () => {
    const reply = say('朝から子育てがしんどい。上の子が言うことを聞かない', { now: new Date('2026-12-02T06:00:00+09:00') });
    expect(reply.escalation === undefined || reply.escalation.rule === 'model').toBe(true);
    expect(reply.messages.map(text).join('\n')).not.toMatch(/(?<!\d)189(?!\d)|虐待/);
  });
});

describe('answers, ratings and follow-ups', () => {
  const postback = (data: string) => ({ kind: 'postback' as const, postback: parsePostback(data), data });

  it('answers a common question from its source first, then its window, with the rating buttons', () => {
    const reply = say('生活保護って車を持っていても受けられますか');
    expect(reply.answerId).toBe('seikatsu-hogo-car');
    expect(text(reply.messages[0])).toContain('出典：');
    expect(reply.windows).toContain('fukushi-jimusho');
    const labels = reply.messages.at(-1)?.quickReply?.items?.map((i) => (i.action?.type === 'postback' ? i.action.label : '')) ?? [];
    expect(labels.slice(0, 2)).toEqual(['役に立った', '役に立たなかった']);
  });

  it('routes without answering when no common question is close (never a confident wrong answer)', () => {
    const reply = say('近所の公園で子どもを遊ばせたい');
    expect(reply.answerId).toBeUndefined();
  });

  it('learns from data that shares no message with the answer evaluation sets', async () => {
    const taught = new Set(ANSWERS.flatMap((a) => [a.question, ...a.phrasings]).map(foldForCompare));
    for (const file of ['test/eval/answers.yaml', 'test/eval/answers-heldback.yaml']) {
      const shared = (await loadAnswerCases(file)).filter((c) => taught.has(foldForCompare(c.text)));
      expect(
        shared.map((c) => c.text),
        file,
      ).toEqual([]);
    }
  });

  it('records a rating with the question it was about, and offers other windows when not helpful', () => {
    const first = say('生活保護って車を持っていても受けられますか');
    const rated = respond(postback('action=feedback&helpful=no&answer=seikatsu-hogo-car'), first.state, ctx());
    expect(rated.feedback).toEqual({ helpful: false, answer: 'seikatsu-hogo-car', question: '生活保護って車を持っていても受けられますか' });
    expect(text(rated.messages[0])).toContain('お役に立てず');
    expect(rated.messages[0]?.quickReply?.items?.some((i) => i.action?.type === 'postback' && i.action.label === 'ほかの窓口')).toBe(true);
  });

  it('answers 「場所・地図」「予約は？」「必要なもの」 from the first window shown, and says so where the data is silent', () => {
    const shown = say('保健相談所で心の相談をしたい');
    const first = shown.windows?.[0];
    expect(first).toBeDefined();
    const place = respond(postback('action=follow-up&about=place'), shown.state, ctx());
    expect(text(place.messages[0])).toMatch(/📍|所在地は、資料に書かれていません/);
    const reservation = respond(postback('action=follow-up&about=reservation'), shown.state, ctx());
    expect(text(reservation.messages[0])).toMatch(/予約制です（資料による）|予約制かどうかは、資料に書かれていません/);
    const bring = respond(postback('action=follow-up&about=bring'), shown.state, ctx());
    expect(text(bring.messages[0])).toMatch(/用意するもの|資料に書かれていません/);
    const none = respond(postback('action=follow-up&about=bring'), readState(undefined), ctx());
    expect(text(none.messages[0])).toContain('わからなくなりました');
  });
});
