// Which language a message is written in, among the bot's locales (core/locale.ts), so the reply is in
// it (issue 15). Script first — kana is Japanese, Hangul Korean, Devanagari Nepali, Han with characters
// Japanese does not use Chinese — then, for Latin script, Vietnamese letters and each language's most
// common words. A guess is `sure` only with enough evidence: a short 「ok」 or 「はい」 keeps the
// language the conversation already has.
import { isJapanese, type Locale } from '../core/locale';

export type LanguageGuess = { locale: Locale; sure: boolean };

const KANA = /[\u3041-\u30ff\uff66-\uff9f]/gu;
const KANJI = /\p{Script=Han}/u;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]/u;
const DEVANAGARI = /\p{Script=Devanagari}/u;
/**
 * Characters of Chinese writing (simplified and traditional) that Japanese does not use (申請, 時間, 東京
 * share the rest); and Chinese function characters that Japanese writes rarely without kana.
 */
const CHINESE =
  /[你她吗呢吧怎哪没还给让这说们么谢请该过为难帮办发无从东车长门问间题对开关样儿钱孩妈爸业里个时现经济劳动务员费证电话负债离实际应养险码号专简单们這說沒讓該幫辦發從對關樣兒錢媽裡個時現經濟勞動務員費證電話負債離實際應養險碼號專簡單]/u;
const CHINESE_FUNCTION = /[的了是不有也就都很吗呢吧]/gu;
/** Letters only Vietnamese uses among the bot's Latin-script languages (â ê ô are Portuguese too). */
const VIETNAMESE = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;

const words = (list: string): ReadonlySet<string> => new Set(list.split(' '));

/** Each language's most frequent words (function words), as written without accents and in lower case. */
const LATIN = ['en', 'tl', 'pt', 'es', 'vi', 'ne'] as const;
const COMMON_WORDS: Record<(typeof LATIN)[number], ReadonlySet<string>> = {
  en: words(
    "the i my me is am are and to a an of in on for with it this that have has can cant not no what how where who help need want pay please hello hi do does i'm im dont don't you your",
  ),
  tl: words(
    'ang ng mga ako ko ka sa hindi po na kasi yung akin siya namin kami ba lang wala may ito iyan ano paano saan tulong nang pero naman din rin opo niya sila',
  ),
  pt: words(
    'eu meu minha voce você não nao para com uma um está estou preciso ajuda o os as do da dos das em que por mas tenho como onde obrigado obrigada muito também posso aqui sem tô tá pra pro ele ela isso fazer faz fiquei mês filho filha gente emprego me de vez novo agora no na já ja sou',
  ),
  es: words(
    'yo mi mis usted no para con una un está estoy necesito ayuda el la los las del de en que por pero tengo como donde gracias muy también hijo hija puedo dónde qué hay ya quiero todos mejor sin lo es otra vez más',
  ),
  // Vietnamese typed without its accents, and Nepali in Latin letters, as many phones and keyboards write them.
  vi: words('toi khong cua nha tien em anh minh bi duoc la va co nay thi lam viec con voi cho nhung nhu di ve mot hoi gi sao roi dang muon chi ban'),
  ne: words('ma cha chha chu ko le lai garna garne garchu hu ho mero kaha bhayo chaina paisa dherai ra pani k kasari huncha hunchha bata sanga aba ali'),
};
/** Letters that tell Portuguese (ã õ ç) and Spanish (ñ ¿ ¡) apart from the rest. */
const PORTUGUESE = /[ãõç]/iu;
const SPANISH = /[ñ¿¡]/iu;

export function detectLanguage(text: string): LanguageGuess | undefined {
  const t = text.normalize('NFKC');
  if (HANGUL.test(t)) return { locale: 'ko', sure: true };
  if (DEVANAGARI.test(t)) return { locale: 'ne', sure: true };
  const kana = t.match(KANA)?.length ?? 0;
  if (kana > 0) {
    // All in kana, at some length: a child, or someone still learning to read kanji — やさしい日本語 fits.
    if (!KANJI.test(t) && kana >= 12) return { locale: 'easy-ja', sure: false };
    // A few kana alone (「はい」「ありがとう」) are what anyone types back: they keep the conversation's language.
    return { locale: 'ja', sure: KANJI.test(t) ? kana >= 2 : kana >= 6 };
  }
  if (KANJI.test(t))
    return CHINESE.test(t) || (t.match(CHINESE_FUNCTION)?.length ?? 0) >= 2 ? { locale: 'zh', sure: true } : { locale: 'ja', sure: t.length >= 3 };
  if (VIETNAMESE.test(t)) return { locale: 'vi', sure: true };
  // Too few letters to tell (「a」「ok」): the conversation's language, or Japanese.
  if ((t.match(/\p{L}/gu)?.length ?? 0) < 4) return undefined;
  return latinLanguage(t);
}

function latinLanguage(text: string): LanguageGuess {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .filter((w) => w.length > 0);
  const scores = LATIN.map((locale) => ({
    locale,
    score:
      words.filter((w) => COMMON_WORDS[locale].has(w)).length +
      (locale === 'pt' && PORTUGUESE.test(text) ? 2 : 0) +
      (locale === 'es' && SPANISH.test(text) ? 2 : 0),
  }));
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  // Latin letters and no telling which: English, which most foreign residents in Tokyo can read
  // (romanised Japanese lands here too, and gets the multilingual windows).
  if (best === undefined || best.score === 0) return { locale: 'en', sure: false };
  return { locale: best.locale, sure: best.score >= 2 && best.score > (second?.score ?? 0) };
}

/**
 * The language to answer in: what the message is surely written in, else the conversation's language.
 * A language the resident chose from the menu holds until they clearly write in another one, and
 * やさしい日本語, once chosen, holds for Japanese too (it is a way of reading Japanese, not another language).
 */
export function replyLocale(guess: LanguageGuess | undefined, current: { lang?: Locale | undefined; chosen?: boolean | undefined }): Locale {
  if (guess === undefined || !guess.sure) return current.lang ?? guess?.locale ?? 'ja';
  if (current.chosen === true && current.lang !== undefined && isJapanese(guess.locale)) return current.lang;
  return guess.locale;
}

/** 「やさしい日本語で」「ひらがなで」「簡単な日本語で」, "easy Japanese please": a request for やさしい日本語. */
const EASY_JAPANESE = /(?:やさしい|優しい|易しい|簡単な|かんたんな)(?:日本語|にほんご)|ひらがなで|(?:easy|simple|plain)\s*japanese/giu;

/** The message with any request for やさしい日本語 taken out, or undefined when it has none. */
export function easyJapaneseRequest(text: string): { rest: string } | undefined {
  const t = text.normalize('NFKC');
  if (t.search(EASY_JAPANESE) === -1) return undefined;
  return { rest: t.replace(EASY_JAPANESE, '').trim() };
}
