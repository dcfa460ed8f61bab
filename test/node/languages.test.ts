import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPrompts } from '../../scripts/build-prompts';
import { detectLanguage, easyJapaneseRequest, replyLocale } from '../../src/analyse/language';
import { loadTokenizer, type Tokenizer } from '../../src/analyse/tokenizer';
import { promptsFor } from '../../src/compose/prompts';
import { LOCALES } from '../../src/core/locale';
import { type RespondContext, respond } from '../../src/pipeline/respond';
import { readState } from '../../src/pipeline/state';
import type { Message } from '../../src/send/line-api';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

const ctx = (over: Partial<RespondContext> = {}): RespondContext => ({ now: new Date('2026-11-25T10:00:00+09:00'), staffHandling: false, tokenizer, ...over });
const text = (m: Message | undefined) => (m === undefined ? '' : m.type === 'text' ? m.text : m.type === 'flex' ? JSON.stringify(m.contents) : '');
const all = (messages: Message[]) => messages.map(text).join('\n');

describe('detectLanguage', () => {
  it.each([
    ['家賃が払えない', 'ja'],
    ['介護保険申請', 'ja'],
    ['やちんが はらえません。どこに そうだん できますか', 'easy-ja'],
    ["I can't pay my rent this month", 'en'],
    ['我失业了，交不起房租', 'zh'],
    ['집세를 낼 수 없어요', 'ko'],
    ['Tôi bị mất việc và không trả được tiền nhà', 'vi'],
    ['Wala po akong trabaho at hindi ko mabayaran ang upa', 'tl'],
    ['मेरो जागिर गयो, घर भाडा तिर्न सक्दिन', 'ne'],
    ['Perdi meu emprego e não consigo pagar o aluguel', 'pt'],
    ['Perdí mi trabajo y no puedo pagar el alquiler', 'es'],
  ] as const)('%s → %s', (t, locale) => {
    expect(detectLanguage(t)?.locale).toBe(locale);
  });

  it('keeps the conversation language for a short or unclear message, and a chosen language over Japanese', () => {
    expect(replyLocale(detectLanguage('ok'), { lang: 'vi' })).toBe('vi');
    expect(replyLocale(detectLanguage('はい'), { lang: 'zh' })).toBe('zh');
    expect(replyLocale(detectLanguage('123'), {})).toBe('ja');
    expect(replyLocale(detectLanguage('家賃が払えない'), { lang: 'en', chosen: true })).toBe('en');
    expect(replyLocale(detectLanguage('家賃が払えない'), { lang: 'en' })).toBe('ja');
    expect(replyLocale(detectLanguage('No puedo pagar el alquiler'), { lang: 'en', chosen: true })).toBe('es');
  });

  it('hears a request for やさしい日本語', () => {
    expect(easyJapaneseRequest('やさしい日本語でお願いします')).toBeDefined();
    expect(easyJapaneseRequest('ひらがなで おしえて')).toBeDefined();
    expect(easyJapaneseRequest('家賃が払えない')).toBeUndefined();
  });
});

describe('replies in the resident language', () => {
  it.each([
    ['我失业了，交不起房租，怎么办', 'zh'],
    ['집세를 못 내요. 어디에 상담하면 되나요?', 'ko'],
    ['Tôi bị mất việc, không trả được tiền nhà', 'vi'],
    ['Nawalan po ako ng trabaho, hindi ko mabayaran ang upa', 'tl'],
    ['मेरो जागिर गयो, घर भाडा तिर्न सक्दिन', 'ne'],
    ['Perdi meu emprego e não consigo pagar o aluguel', 'pt'],
    ['Perdí mi trabajo y no puedo pagar el alquiler', 'es'],
    ['I lost my job and cannot pay my rent', 'en'],
  ] as const)('%s → windows for rent or work, in %s, with the multilingual windows', (t, locale) => {
    const reply = respond({ kind: 'text', text: t }, readState(undefined), ctx());
    expect(reply.locale).toBe(locale);
    expect(reply.state.lang).toBe(locale);
    // The learned screen may flag hardship in a language it saw little of; only tentatively, never a crisis reply.
    expect(reply.escalation === undefined || reply.escalation.rule === 'model').toBe(true);
    const p = promptsFor(locale);
    expect(all(reply.messages)).toContain(p.foreign_topic);
    expect(reply.windows).toContain('gaikokugo-seikatsu-soudan');
    expect(
      reply.windows?.some((id) => ['seikatsu-support-center', 'jukyo-kakuho-kyufukin', 'fukushi-jimusho', 'work-support-nerima', 'roudou-soudan'].includes(id)),
    ).toBe(true);
    // The card keeps the official Japanese name, and the label of the call button is in the language.
    const card = all(reply.messages);
    expect(card).toContain('外国語での生活相談');
    expect(card).toContain(p.label_call);
  });

  it('answers a crisis in Vietnamese with 119 first and a line, and flags it', () => {
    const reply = respond(
      { kind: 'text', text: 'Tôi vừa uống hết cả hộp thuốc ngủ, tôi muốn chết' },
      readState(undefined),
      ctx({ now: new Date('2026-12-02T23:30:00+09:00') }),
    );
    expect(reply.escalation?.level).toBe('emergency');
    expect(text(reply.messages[0]).split('\n').slice(0, 3).join('\n')).toMatch(/119|110/);
    expect(text(reply.messages[0])).toContain(promptsFor('vi').crisis_emergency_self.split('\n')[0]);
    expect(all(reply.messages)).toMatch(/\d{2,4}-\d{2,4}-\d{3,4}|0120/);
  });

  it('stays in the language for a short reply and a quick-reply tap, and switches on request', () => {
    const first = respond({ kind: 'text', text: 'Necesito ayuda con el alquiler, no puedo pagar' }, readState(undefined), ctx());
    expect(first.locale).toBe('es');
    const ok = respond({ kind: 'text', text: 'ok' }, first.state, ctx());
    expect(ok.locale).toBe('es');
    const tap = respond({ kind: 'postback', postback: { action: 'howto' }, data: 'action=howto' }, first.state, ctx());
    expect(text(tap.messages[0])).toBe(promptsFor('es').howto);
    const menu = respond({ kind: 'postback', postback: { action: 'language' }, data: 'action=language' }, first.state, ctx());
    expect(menu.messages[0]?.quickReply?.items?.length).toBe(LOCALES.length);
    const set = respond({ kind: 'postback', postback: { action: 'set-language', locale: 'ko' }, data: 'action=set-language&locale=ko' }, first.state, ctx());
    expect(set.state.lang).toBe('ko');
    expect(set.state.langChosen).toBe(true);
    expect(text(set.messages[0])).toBe(promptsFor('ko').language_set);
    // Chosen, it holds over a message in Japanese (someone copying a letter's words).
    expect(respond({ kind: 'text', text: '住民税の督促状が来た' }, set.state, ctx()).locale).toBe('ko');
  });

  it('switches to やさしい日本語 when asked, and then answers in it', () => {
    const asked = respond({ kind: 'text', text: 'やさしい日本語でおねがいします' }, readState(undefined), ctx());
    expect(text(asked.messages[0])).toBe(promptsFor('easy-ja').easy_japanese_set);
    expect(asked.state.lang).toBe('easy-ja');
    const next = respond({ kind: 'text', text: '家賃が払えない' }, asked.state, ctx());
    expect(next.locale).toBe('easy-ja');
    expect(text(next.messages[0])).toBe(promptsFor('easy-ja').results_intro);
  });

  it('never lets a request for やさしい日本語 stand in for a crisis reply', () => {
    const reply = respond({ kind: 'text', text: 'やさしい日本語で。しにたい' }, readState(undefined), ctx());
    expect(reply.escalation).toBeDefined();
    expect(reply.locale).toBe('easy-ja');
  });
});

describe('prompts/ in every locale', () => {
  it('has exactly the keys and placeholders of Japanese, and the build refuses a locale that does not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'prompts-'));
    for (const locale of LOCALES) await writeFile(join(dir, `${locale}.yaml`), readFileSync(join('prompts', `${locale}.yaml`), 'utf8'));
    await writeFile(join(dir, 'staff.yaml'), readFileSync('prompts/staff.yaml', 'utf8'));
    await expect(buildPrompts(dir, join(dir, 'out'))).resolves.toBeUndefined();
    const broken = readFileSync('prompts/vi.yaml', 'utf8').replace(/\{category\}/, '{categoria}');
    await writeFile(join(dir, 'vi.yaml'), broken);
    await expect(buildPrompts(dir, join(dir, 'out'))).rejects.toThrow(/vi\.yaml.*category_prompt.*placeholders/);
  });
});
