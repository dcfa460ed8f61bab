// Turns Japanese text into search terms: kuromoji tokens → base forms of content words, kana folded to
// hiragana, function words dropped. The same function analyses the knowledge base at build time and a
// resident's message at request time, so index and query always agree (platform.md).
import { normaliseWidth, toHiragana } from './normalise';
import type { Token, Tokenizer } from './tokenizer';

const CONTENT_POS = new Set(['名詞', '動詞', '形容詞', '副詞', '感動詞', '接頭詞']);
/** Nouns that carry no topic (suffixes, pronouns, numbers, 非自立 like こと・もの). */
const SKIP_DETAIL = new Set(['非自立', '代名詞', '数', '接尾', '特殊']);
/** Verbs and adjectives too common to say anything about the need. */
const STOP_WORDS = new Set([
  'する',
  'いる',
  'ある',
  'なる',
  'できる',
  'れる',
  'られる',
  'せる',
  'ない',
  'いい',
  'よい',
  'くる',
  'いく',
  'おる',
  'やる',
  'もらう',
  'くれる',
  'あげる',
  'みる',
  'おく',
  'しまう',
  'いう',
  'おもう',
  'わかる',
  'ほしい',
  'たい',
  'ください',
  'くださる',
  'いただく',
  'こと',
  'もの',
  'ため',
  'よう',
  'とき',
  'ところ',
  'の',
  'ん',
  'さん',
  'ちゃん',
  'くん',
  'そう',
  'どう',
  'ちょっと',
  'とても',
  'すごい',
  'めっちゃ',
  'もう',
  'まだ',
  'また',
  'すぐ',
  'よく',
  'ちゃんと',
  'どこ',
  'なに',
  'なん',
  '何',
  '相談',
  'そうだん',
  'こんにちは',
  'こんばんは',
  'おはよう',
  'ありがとう',
  'ござる',
  'おねがい',
  'お願い',
  'よろしく',
  'すみません',
  'もしもし',
  '天気',
  '電話',
  'でんわ',
  '明日',
  '今日',
  '昨日',
  '教える',
  'おしえる',
  '知る',
  'しる',
  '聞く',
  'きく',
  '方法',
  'やり方',
  '場所',
  '窓口',
  'ところ',
  '今',
  'いま',
  '最近',
  '自分',
  '私',
  'わたし',
  '僕',
  '俺',
]);

/** One term per content word (base form, hiragana for kana words), plus bigrams of split unknown kanji. */
export function analyse(text: string, tokenizer: Tokenizer): string[] {
  const tokens = tokenizer.tokenize(normaliseWidth(text));
  const terms: string[] = [];
  let run = '';
  const flushRun = () => {
    // Words outside the reduced dictionary come out as single kanji (自/転/車): keep their bigrams.
    for (let i = 0; i + 1 < run.length; i++) terms.push(run.slice(i, i + 2));
    run = '';
  };
  for (const token of tokens) {
    if (!token.known && /^\p{Script=Han}$/u.test(token.surface)) {
      run += token.surface;
      continue;
    }
    flushRun();
    const term = termOf(token);
    if (term !== undefined) terms.push(term);
  }
  flushRun();
  return terms;
}

function termOf(token: Token): string | undefined {
  if (!CONTENT_POS.has(token.pos)) return undefined;
  if (token.pos === '名詞' && SKIP_DETAIL.has(token.posDetail1)) return undefined;
  if ((token.pos === '動詞' || token.pos === '形容詞') && token.posDetail1 === '非自立') return undefined;
  const base = toHiragana(token.basicForm === '*' ? token.surface : token.basicForm).replace(/ー+$/u, '');
  if (base.length === 0 || STOP_WORDS.has(base) || /^[\p{P}\p{S}\d]+$/u.test(base)) return undefined;
  // A lone kana is noise (て, に left by odd splits); a lone kanji is a word (家, 金, 病).
  if (base.length === 1 && !/\p{Script=Han}|[a-z]/u.test(base)) return undefined;
  return base;
}
