// Risk cues: single words (and masked spellings, emoji, other languages) that any message at risk is
// likely to carry — death and dying, harming oneself or another, means, high places and railways,
// violence, sexual harm, despair. Much looser than the rule table: the learned model may flag a
// message at its ordinary threshold only when a cue is present, and needs far more certainty without
// one. It keeps the model quiet on everyday hardship ("家賃が払えない") that shares words with crises.
import { foldForModel } from './features';

const CUES = new RegExp(
  [
    // dying, death, suicide, disappearing, ending (with masked forms: タヒ, 氏, 4ぬ, ○ぬ are folded away or kept)
    '死|しぬ|しね|しに|たひ|4ぬ|4に|氏ぬ|氏に|逝|自殺|じさつ|自死|希死|消え|きえ|いなくなり|居なくなり|終わり|おわり|終わら|おわら|最期|最後|さいご|遺書|いしょ|書き置き|さよなら|さようなら|ばいばい|お別れ|生き|いき(?:て|る|た)|楽にな|らくにな|眠りたい|目が覚め|迎え|無になり|りせっと|産まれ|生まれ',
    // self-harm and means
    'りすか|あむか|自傷|切(?:っ|る|り|ら)|きっ(?:た|て)|傷|血|od|おばどず|薬|くすり|錠|飲(?:ん|み|む)|の(?:んだ|みき)|ろぷ|縄|紐|ひも|首|くび|練炭|れんたん|炭|七輪|硫化|ガス|がす|刃|包丁|ほうちょう|ないふ|かみそり|飛び|とび|落ち|おち|吊|ぶらさが',
    // places with leaving in mind
    '屋上|おくじょう|線路|せんろ|踏切|ふみきり|ほむ|電車|でんしゃ|駅|橋|はし|川|海|崖|樹海|高い(?:とこ|所|ところ)|柵|手すり|べらんだ|窓|まど|ビル|びる|階',
    // violence, abuse, sexual harm, control, threats
    '殴|なぐ|叩|たた|蹴|ける|けら|殺|ころ|暴|怒鳴|どな|脅|おど|監視|束縛|閉じ込|とじこ|虐待|ぎゃくたい|放置|ごはん(?:を)?(?:くれ|もらえ)|食べさせ|触|さわ|痴漢|ちかん|盗撮|れいぷ|強姦|無理やり|むりやり|性的|裸|写真|動画|つきまと|ストーカ|すとか|逃げ|にげ|助けて|たすけて|こわい|怖|痛|いた(?:い|く)|あざ|やけど|火傷|手をあげ|手を上げ|金を(?:取|と)|年金|通帳|使い込',
    // neglect and being shut out (a child's words, a neighbour's)
    'ごはん.{0,8}(?:ない|くれな|もらえな|作ってくれな|作らな|抜き|別)|飯(?:抜き|ない|別)|食べ(?:てない|させてもらえ|させない)|かえってこな|帰ってこな|帰らな|入れてもらえ|入れな(?:い|かった)|締め出|しめだ|外に出され|追い出され|置いて(?:夜|出|行|パチンコ)|おふろに入れ|風呂に入れ|うまなきゃ|産まなきゃ|生まなきゃ|言うな|いうな|しばか|ひっぱた|引きずら|髪(?:を)?(?:つかま|掴ま|ひっぱ|引っ張)|手形|押し?つけ|おしつけ|正座|口(?:を)?(?:ふさ|塞)|無視され|むしされ|病院(?:に)?連れて(?:い|行)か(?:ない|な)|せわしてる|世話(?:を)?(?:させ|してる)|きす|キス',
    // despair
    '限界|げんかい|無理|むり|つらい|辛|しんどい|苦し|くるし|絶望|疲れ果|どうでもいい|価値がない|意味がない|迷惑|いらない|ごめんなさい|ありがとう',
    // emoji
    '\\p{Extended_Pictographic}',
    // English and code-mixed
    'die|dead|death|kill|suicid|kms|unalive|end it|endit|self ?harm|cut|blood|pill|overdose|\\bod\\b|jump|bridge|roof|train|rope|hang|knife|hit|hurt|beat|abus|rape|assault|touch|violen|threat|scared|afraid|help|goodbye|bye|disappear|hopeless|worthless',
    // other languages
    '死|杀|自杀|想死|活|跳|药|刀|打|暴力|性|救|怕|累|绝望|再见|죽|자살|살|뛰어|약|칼|때리|폭력|성|무서|도와|힘들|안녕|chết|chet|tự tử|tu tu|sống|song|nhảy|nhay|thuốc|thuoc|đánh|danh|bạo|bao luc|sợ|so hai|cứu|cuu|mamatay|patay|magpakamatay|buhay|tumalon|gamot|sinasaktan|saktan|bugbog|takot|tulong|paalam|मर|मार|आत्महत्या|बाँच|औषधि|कुट|हिंसा|डर|बचाउ|morrer|morte|matar|viver|pular|remédio|remedio|bater|violência|violencia|abuso|estupro|medo|socorro|ajuda|adeus|morir|muerte|matar|vivir|saltar|pastillas|golpe|pega|miedo|auxilio|ayuda|adiós|adios|mar(?:na|ne)|mari|marna|bachna',
  ].join('|'),
  'iu',
);

/** Whether the message carries any risk cue (read on the model's folded form and on the raw text). */
export function hasRiskCue(text: string): boolean {
  return CUES.test(foldForModel(text)) || CUES.test(text.normalize('NFKC').toLowerCase());
}

/** Up to this many letters (folded), a message is short: a few words, with its own threshold. */
export const SHORT_MESSAGE = 16;

/** Which flag threshold a message gets: short, or longer with or without a risk cue. */
export function flagGroup(text: string): 'cue' | 'noCue' | 'short' {
  if (foldForModel(text).length <= SHORT_MESSAGE) return 'short';
  return hasRiskCue(text) ? 'cue' : 'noCue';
}
