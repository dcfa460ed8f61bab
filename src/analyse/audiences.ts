// Who the resident seems to be, from their words (a child, a parent, an older person's family…): a
// ranking signal for windows meant for them (issue 6, "eligibility … inferred from the words").
import type { Audience } from '../knowledge/schema';
import { fold } from './normalise';

const CUES: [Audience, RegExp][] = [
  ['child', /(?:小|中|高)\d|小学生|中学生|高校生|しょうがくせい|ちゅうがくせい|こうこうせい|学校|がっこう|先生|いじめ|不登校|部活|クラス/u],
  ['parent', /子ども|子供|こども|息子|娘|赤ちゃん|あかちゃん|妊娠|にんしん|出産|産後|育児|子育て|保育|乳児|幼児|うちの子/u],
  ['older', /高齢|こうれい|介護|かいご|認知症|にんちしょう|物忘れ|もの忘れ|年金|老人|親の|(?:母|父|祖母|祖父)が|\d{2}歳の(?:母|父)|足腰|寝たきり|施設に入/u],
  ['disabled', /障害|障がい|しょうがい|手帳|発達|自閉|知的|車いす|車椅子|難聴|聴覚|視覚|身体障/u],
  ['youth', /若者|ひきこもり|引きこもり|ニート|無職の息子|二十代|20代|30代/u],
  ['woman', /女性|妊婦|シングルマザー|しんぐるまざ|母子家庭/u],
  ['foreign', /外国|がいこく|ビザ|在留|日本語がわから|日本語が苦手/u],
  ['bereaved', /亡くな|なくな|死亡|葬儀|相続|遺族|おくやみ/u],
];

export function inferAudiences(text: string): Audience[] {
  const folded = fold(text);
  return CUES.filter(([, cue]) => cue.test(folded) || cue.test(text)).map(([audience]) => audience);
}
