// The risk screen's rules, as a table: each a pattern over the folded text (src/analyse/normalise.ts
// `fold`: hiragana, no spaces or punctuation, no stretching marks, lower case), so write patterns in
// that form (ロープ → ろぷ). Recall first (safe-messaging.md): when a phrase may be risk, it is a rule;
// everyday idioms are listed as exclusions, removed before the rules run. Means and immediacy (Crisis
// Text Line's finding) raise the level to emergency.

export type Level = 'emergency' | 'high' | 'abuse' | 'concern';
export type AbuseKind = 'child' | 'dv' | 'elder' | 'disability' | 'sexual';

export type Rule = {
  id: string;
  level: Level;
  pattern: RegExp;
  /** Who is harmed. `cue`: a harm word whose victim is told by the message's cues (see ABUSE_CUES). */
  kind?: AbuseKind | 'cue';
  /** Someone else is the danger (violence now): the reply leads with 110. */
  otherDanger?: boolean;
  /** The writer is a child telling about their own home. */
  childVoice?: boolean;
  /** An emergency rule that becomes `high` when the act lies in the past or is a habit (昨日ODした). */
  pastIsHigh?: boolean;
  /** Only counts when it is said of someone else (「友達が『さよなら』って投稿」). */
  othersOnly?: boolean;
  /**
   * Evidence that someone else may be at risk (a note found, pills taken 「っぽい」): said of someone
   * else and hedged, it is an urgent `concern` — what to do as a supporter, 119 first if in danger.
   */
  evidence?: boolean;
};

/** Emoji that carry meaning in a crisis (💊🔪🩸🪢) become words before folding, which drops emoji. */
export const MEANINGFUL_EMOJI: Record<string, string> = { '💊': '絵薬', '🔪': '絵刃', '🩸': '絵血', '🪢': '絵縄' };

/** Macros: {shi} is 死 and its masked writings (タヒ, 氏, 市, 4); {shik} adds the bare kana し. */
const MACROS: Record<string, string> = {
  shi: '(?:死|氏|市|4|たひ)',
  shik: '(?:死|氏|市|4|たひ|し)',
  now: '(?:今から|いまから|これから|今夜|こんや|今晩|こんばん|今日|きょう|今すぐ|いますぐ|もうすぐ|このあと|この後|明日|あした|あす|まもなく|imakara|korekara|konya)',
  partner: '(?:夫|おっと|旦那|だんな|主人|しゅじん|(?<!の)彼氏|(?<!の)かれし|(?<!の)彼(?!女)|ぱとな|妻|つま|嫁|よめ|彼女|かのじょ|元夫|元彼|もとかれ|元妻|交際相手|同棲|どうせい|婚約者|内縁|otto|danna|kareshi)',
  parent: '(?:親|おや|父親|母親|父|母|お父さん|おとうさん|お母さん|おかあさん|おとん|おかん|父ちゃん|母ちゃん|とうちゃん|かあちゃん|ぱぱ|まま|継父|継母|義父|義母|おやじ|おふくろ|oya|chichi|haha|papa|mama)',
  kin: '(?:継父|継母|兄|あに|姉|あね|叔父|伯父|叔母|伯母|おじさん|おばさん|親戚|家族|(?:お母さん|おかあさん|母|はは|まま)の(?:彼氏|かれし))',
  kid: '(?:子ども|子供|こども|うちの子|自分の子|わが子|我が子|隣の子|近所の子|預かってる子|(?:隣|となり)の(?:家|うち)の子|息子|むすこ|娘|むすめ|赤ちゃん|あかちゃん|赤ん坊|乳児|幼児|児童|姪|甥|孫|生徒|園児)',
  // Kana forms only where they cannot be part of another word (続けられ, 慰め, 肩たたき are not violence).
  hit: '(?:殴|なぐ(?:ら|り|る|っ)|叩|たた(?:か|い|く)|蹴|(?<=[にをがもへ])(?:けら|けっ|けり)|ぶたれ|ぶった|どつ(?:か|い)|つねら|突き飛ば|つきとば|(?:首|くび)(?:を)?(?:絞|しめ)|暴力|ぼうりょく|手が出|手をあげ|手を上げ|くらされ|くらわされ|しばか|しばい|nagur|tatak)',
  quantity: '(?:全部|ぜんぶ|大量|たいりょう|たくさん|いっぱい|一気|いっき|まとめて|\\d{2,}|何十|なんじゅ|一箱|ひと箱|ひとはこ|\\d+箱|\\d+錠|しと)',
  pills: '(?:薬|くすり|睡眠薬|眠剤|みんざい|市販薬|錠剤|絵薬)',
  // Kana-only place words that could straddle two words once spaces are gone (が|けあまね → がけ) are left out.
  place: '(?:屋上|おくじょう|線路|せんろ|踏切|ふみきり|樹海|じゅかい|崖|びるの上|橋の上|ほむの端|ほむのはし|駅のほむ|一番上|いちばんうえ|楼顶|天台|옥상|रेल लाइन|ほむ(?:に|で)|高い(?:とこ|ところ)|たかいとこ|(?:柵|手すり|てすり|ふぇんす)の(?:外|そと))',
  /** Means at hand: with any thought of dying in the message, danger now (Crisis Text Line's finding). */
  means: '(?:薬|くすり|睡眠薬|眠剤|ろぷ|縄|紐|ひも|べると|練炭|炭火|包丁|刃物|ないふ|かみそり|絵薬|絵刃|絵縄)(?:も|を|は|が)?.{0,4}(?:手元に|用意|準備|ある|持って|持ってる|ためて|貯めて|溜めて|買って|買った|届いた|手に入れ|手に入っ)',
};

function rx(source: string): RegExp {
  const expanded = source.replace(/\{(\w+)\}/g, (_, name: string) => MACROS[name] ?? `{${name}}`);
  // Patterns meet folded text, so fold their kana the same way: small vowels after kana go (ふぇんす → ふんす).
  return new RegExp(expanded.replace(/(?<=[\u3041-\u3096])[ぁぃぅぇぉ]/gu, ''), 'u');
}

/**
 * Everyday idioms and service words that look like risk but are not (safe-messaging.md, "Screening
 * notes"): removed from the folded text before the rules run. Each is narrow on purpose.
 */
export const EXCLUSIONS: readonly RegExp[] = [
  /死ぬほど(?!(?:つら|辛|苦し|くるし|しんど)(?:い|くて)?$|消え)/u, // 死ぬほど忙しい; 死ぬほどしんどい引っ越し
  /(?:すぎて|過ぎて|すぎ)(?:死ぬ|しぬ|4ぬ|死にそう|しにそう)|(?:死ぬ|しぬ)(?:笑|w+$)/u, // 暑すぎて死ぬ笑
  /(?:どらま|映画|小説|漫画|まんが|あにめ|にゅす|げむ|さすぺんす)(?:で|の|では).{0,16}(?:自殺|死ん|殺さ|飛び降り)|遺書(?:って|という)(?:どらま|映画|本|小説|曲|歌)/u, // fiction and news
  /飛び降り防止|(?:首つり|首吊り)事故|事故防止/u,
  /練炭(?:こたつ|火鉢|ひばち|すとぶ)/u,
  /遺書じゃなく|遺言書|遺書(?:と|や)遺言/u,
  /(?:暑|寒|あつ|さむ).{0,8}(?:死ぬ|死ねる|しぬ|しねる|死にそう)/u,
  /(?:虐待|自殺|dv)(?:の)?(?:にゅす|報道|記事)/u,
  /飛び降りたら(?:危ない|あぶない|けが|怪我)/u,
  /dv(?=等)|勉強中|行政書士/u,
  /(?:犬|猫|いぬ|ねこ|動物|ぺっと)(?:の|が|を)?(?:虐待|飛び降り)|虐待(?:されていた|された)(?:犬|猫|動物)|飛び降りた(?:犬|猫)/u,
  /dv(?:加害者|更生)|dv(?=と|の違い|について|とは)|虐待(?=の違い|について|とは)|卒論|れぽと|講座の資料/u,
  /切り傷(?:に|の)(?:効|薬|手当|治療|消毒)/u,
  /(?:叩か|殴ら|怒鳴ら|たたか)ない(?:子育て|育児|しつけ|教育|講座|方法)/u,
  /(?:痴漢|ちかん)(?:に)?(?:遭|あ)わない|防犯(?:ぶざ|講座|教室)/u,
  /しぬほど(?!つら|くるし|しんど)/u,
  /死ぬ気で/u, // 死ぬ気で頑張る
  /死ぬかと思/u,
  /笑い死|わらいじ/u,
  /日本死ね/u,
  /自殺(?:対策|予防|防止|総合|統計|者数|率|報道)|jisatsutaisaku|jisatsuyobou/u,
  /自死遺族/u,
  /(?:児童|高齢者|障害者)?虐待(?:防止|予防|対策)(?:の|研修|講座|運動|啓発|月間)?/u,
  /dv(?:防止|啓発|講座|研修|ぱねる)/u,
  /(?:痴漢|ちかん|性犯罪|性暴力)(?:防止|対策)/u,
  /げときぱ/u, // ゲートキーパー
  /飛び込み営業|飛び込みで|飛び込み(?:参加|受診|歓迎)/u,
  /(?:遊具|階段|べっど|椅子|いす|じゃんぐるじむ|塀|段差|ぶらんこ|台)から飛び降り/u,
  /おぷんでた(?:od)?/u, // オープンデータ（OD）
  /死亡(?:届|診断|保険|一時金|退職|事故)/u,
  /首が(?:痛|いた|回らない|まわらない|こる|凝)/u,
  /さよなら(?:ぱ|会|かい|ほむらん)|さようなら(?:ぱ|会|かい)/u,
];

const PAST = '(?:昨日|きのう|先週|先月|前に|以前|昔|むかし|去年|この前|このまえ|ことがある|ことある|癖|くせ|やめられ|繰り返|くりかえ|また)';
export const PAST_OR_HABIT = rx(PAST);
/** Hedged or found, not seen happening: 「…みたい」「…っぽい」「見つけた」「出てきた」. */
export const HEDGED = rx('みたい|っぽい|ぽい|らしい|かも|見つけ|みつけ|出てきた|でてきた|見つかった');
/** …but the person cannot be reached: then it is danger now, whoever wrote. */
export const UNREACHABLE = rx('連絡が(?:つかない|とれない|取れない)|れんらくがつかない|電話に出ない|帰ってこない|行方|ゆくえ|いなくなった');

export const RULES: readonly Rule[] = [
  // ── emergency: an act under way, means at hand, a time or a place (119 first) ──
  { id: 'emergency-now-act', level: 'emergency', pattern: rx('{now}.{0,15}?(?:{shik}(?:ぬ|にま|のう|んで(?:くる|やる)|んだる|ねる)|たひる|逝|自殺|じさつ|飛び降り|とびおり|飛び込|とびこ|首(?:を)?(?:吊|つ)|くびつ|樹海|じゅかい|od|終わらせ|おわらせ|終わりにする|おわりにする|shinu|shinimasu|jisatsu|tobioriru)|(?:tonight|today|rightnow|now).{0,20}(?:killmyself|die|endit|jump)') },
  { id: 'emergency-act-now', level: 'emergency', pattern: rx('(?:{shik}ぬ|たひる|{shi}にます|死にます|逝きます|飛び降りる|飛び降ります|とびおりる|自殺する|自殺します|killmyself).{0,6}(?:今から|いまから|今すぐ|いますぐ|これから|今夜|今日|tonight)') },
  { id: 'emergency-decided', level: 'emergency', pattern: rx('(?:飛ぶ|とぶ|{shi}ぬ|しぬ|逝く|終わりにする|終わらせる|行く)(?:って|と|ことに|日を|時間を)?(?:決めた|きめた|決まった|決めてる)|\\d+時になったら|探さないで|さがさないで|(?:{shi}ぬ|しぬ|飛び降りる|自殺する|場所)(?:って|と|日|ひ|時間|ばしょ)?(?:を)?(?:決めた|きめた|決まった)|(?:首|くび|ろぷ|縄|薬|くすり|遺書)(?:を|の)?.{0,6}準備(?:が|は)?(?:でき|した|整|ととの)') },
  { id: 'emergency-means-charcoal', level: 'emergency', pattern: rx('練炭|れんたん|硫化水素|りゅうかすいそ|七輪.{0,8}目張り|炭(?:火)?(?:を)?(?:つけた|焚いた|たいた|燃やし)|車の中で炭') },
  { id: 'emergency-means-neck', level: 'emergency', pastIsHigh: true, pattern: rx('(?:べると|紐|ひも|ろぷ|縄|こど|たおる|絵縄)(?:を)?(?:首|くび)に(?:巻|まい|かけ|掛け)|(?:柵|手すり|てすり|ふぇんす)(?:を)?(?:こえ|越え|乗り越え|のりこえ)|救急車(?:を|は)?(?:呼ばないで|よばないで)|倒れ(?:た|て).{0,6}(?:動かない|動かへん|動かん|うごかない|意識がない|息をしてない|返事がない)|(?:動か|うごか)(?:ない|へん|ん)(?:の|です)?$|意識が(?:ない|もうろう)|息(?:を)?して(?:ない|いない)|(?:首|くび)(?:を)?(?:つ|吊)(?:ろうと|って(?:る|いる|た))|(?:今|いま)(?:見つけ|みつけ).{0,10}(?:首|薬|血|倒れ)|(?:悲鳴|叫び声|さけびごえ|殴る音|なぐるおと|怒鳴り声|どなりごえ).{0,24}(?:今も|いまも|止まらない|とまらない)|(?:kusuri|kusri).{0,12}(?:takusan|zenbu|ippai|nonda|nonde)|ugokanai|決行|{pills}(?:を)?(?:全部|ぜんぶ)(?:出して|だして|並べ|ならべ)|(?:首|くび)(?:を)?(?:くく|括).{0,10}(?:ろぷ|縄|紐)|(?:ろぷ|縄|紐).{0,10}(?:首|くび)(?:を)?(?:くく|括)|(?:今日|今夜|きょう|こんや)で最後|最後にします|お世話になった(?:人|方).{0,12}(?:めせじ|手紙|連絡)|(?:がす栓|がすせん|ガス栓)(?:を)?(?:あけ|開け|ひね)|(?:お風呂|おふろ|浴槽|風呂).{0,12}(?:かみそり|刃物|ないふ|かった|薬)|(?:海|川|崖)(?:まで|に)(?:来た|きた).{0,16}(?:このまま|進む|入る|飛)|(?:もう|今から)?飛ぶ.{0,16}(?:窓|まど|べらんだ)|(?:窓|まど)(?:を)?(?:開け|あけ).{0,10}(?:飛|とぶ)|(?:明日|あした|朝|今夜)(?:の朝)?(?:に)?はもういない|(?:明日|あした)の朝にはいない|{shi}ぬ(?:ため|ために).{0,8}(?:来た|きた|いる|向か)') },
  { id: 'emergency-means-and-thought', level: 'emergency', evidence: true, pastIsHigh: true, pattern: rx('{means}.{0,30}(?:{shik}ぬ|死に|死ね|しね|終わり|おわり|終わら|消え|きえ|飲む|のむ|準備|切る|きる|しかない)|(?:{shik}ぬ|死に|終わら|消え|きえ).{0,30}{means}|{now}.{0,12}{pills}.{0,8}(?:飲|の)(?:む|みます)|{pills}.{0,12}{now}.{0,8}(?:飲|の)(?:む|みます)') },
  { id: 'emergency-note', level: 'emergency', evidence: true, pattern: rx('遺書|いしょ(?!う)|遺言(?:を)?(?:line|めせじ|手紙|めも|すまほ)(?:に|で)?(?:残し|のこし|書い|送っ)|最後のline|最後のめっせじ|最期のline') },
  { id: 'emergency-rope', level: 'emergency', pattern: rx('(?:ろぷ|縄|なわ|紐|ひも|絵縄)(?:を)?(?:用意|買|準備|かけ|掛け|結ん)') },
  { id: 'emergency-pills-taken', level: 'emergency', evidence: true, pastIsHigh: true, pattern: rx('{pills}(?:を|が)?.{0,8}{quantity}.{0,6}(?:飲|の)(?:んだ|んじゃ|みまし|んでしま|んで(?:る|いる)|んどる)|{pills}.{0,8}(?:飲|の)(?:んで|んだ).{0,10}(?:倒れ|たおれ|起きない|おきない|意識|ふらふら|ふわふわ|ねむ|眠|吐)|(?:飲|の)(?:んだ|んじゃった|みました).{0,4}絵薬|{pills}.{0,4}(?:飲|の)(?:んじゃった|んだ|みました).{0,8}(?:ごめん|さよなら|ばいばい|ありがとう)|uốnghếtthuốc|uống.{0,8}thuốc') },
  { id: 'emergency-od-now', level: 'emergency', evidence: true, pastIsHigh: true, pattern: rx('(?<![a-z])od(?:中|ちゅう|してる|している|しちゃった|しました|した(?!こと|ら|い))|おばどず(?:した|しちゃ|中)|薬(?:を)?飲みすぎて(?:ふらふら|意識|吐)') },
  { id: 'emergency-cut-bleeding', level: 'emergency', pastIsHigh: true, pattern: rx('血が?(?:止まら(?:ない|ん|へん)|とまら(?:ない|ん|へん)|すごい|いっぱい|たくさん)|(?:手首|てくび|腕|うで|首)(?:を)?(?:切|き)(?:った|っちゃった|っちゃ|つた|ってしま)|(?:包丁|ほうちょう|ないふ|刃物|はもの|かみそり|かった|絵刃).{0,6}(?:首|手首|腕|自分)(?:に|を)(?:あて|当て|押し)') },
  { id: 'emergency-place', level: 'emergency', pattern: rx('{place}(?:の)?(?:縁|ふち|端|はし)(?:に|で)?(?:座って|すわって|腰かけ)|{place}.{0,6}(?:いる|います|いま(?!す?か)|立って|たって|来た|きた|着いた|向かって|むかって|来てる|きてる|待って|まって|行く|いく|向かう)|(?:今|いま).{0,4}{place}|べらんだの(?:柵|さく|手すり)') },
  { id: 'emergency-jump-train', level: 'emergency', pattern: rx('(?:電車|でんしゃ|線路|せんろ|ほむ)(?:に|から|へ)(?:飛び込|とびこ)(?!みたい|みたく)|飛び込み自殺|(?:電車|線路|ほむ|駅|川|海).{0,20}飛び込(?:む|みます|んでやる)|飛び降り(?:る|ます|ちゃう|てくる|てやる)(?!方法|場所)') },
  { id: 'emergency-place-and-thought', level: 'emergency', pattern: rx('{place}.{0,40}(?:終わり|おわり|死|消え|飛|とぶ|さよなら|さようなら|もういい|もうええ|もういく|探さないで|不想活|想死|बाँच्न)|(?:電車|でんしゃ)(?:が)?(?:来たら|きたら)|次の電車|(?:終わりにする|終わらせる|死ぬ|消える).{0,40}{place}|(?:もう|全部|ぜんぶ|人生)(?:を)?(?:終わりにする|終わらせる|おわりにする|おわらせる)(?!の|こと|ため)') },
  { id: 'emergency-farewell', level: 'emergency', pattern: rx('(?:今まで|いままで)(?:ありがとう|お世話に)|これが最後の|最後に(?:誰か|だれか|あなた)と話したかった|先に逝く|さきにいく(?:ね|わ)|みんなさようなら|さようなら(?:みんな|世界|せかい)') },
  { id: 'emergency-violence-now', level: 'emergency', otherDanger: true, pattern: rx('(?:包丁|ほうちょう|ないふ|刃物|はもの|凶器)(?:を)?(?:持|も(?:って|ち)|振り回|ふりまわ|向け|むけ|突きつけ|つきつけ|出して|だして|持ち出)|殺される|ころされる|殺す(?:って|と)(?:言われ|いわれ|脅|おど)|ころす(?:って|と)(?:言われ|いわれ)') },
  { id: 'emergency-violence-happening', level: 'emergency', otherDanger: true, pattern: rx('{hit}.{0,3}(?:てる|ている|てます|でる|でいる).{0,8}(?:止まらない|とまらない|助けて|たすけて)|{hit}.{0,8}(?:逃げて(?:る|いる|きた)|にげて(?:る|いる)|逃げられない|にげられない|隠れて|かくれて|やめてくれない)|(?:今|いま).{0,8}{hit}.{0,4}(?:てる|ている|てます|ています|れてる|れている|れてて|てて)|{hit}.{0,4}(?:てる|ている).{0,4}(?:今|いま)$|(?:首|くび)(?:を)?(?:絞|しめ)(?:られ)?(?:てる|ている)|(?:家の前|玄関|どあ|窓)(?:の|を|に|で)?.{0,6}(?:{hit}|叩い|たたい|蹴っ|けって|開けろ|あけろ|叫|待って)|(?:助けて|たすけて).{0,10}{hit}.{0,3}(?:てる|ている|でる)|(?:今まさに|いままさに|今も|いまも).{0,12}{hit}') },
  { id: 'emergency-other-languages', level: 'emergency', pattern: rx('(?:goingto|gonna|aboutto)(?:jump|killmyself|die|endit)|ontheroof|ontherailway|tatalon|nasabubong|rightnow.{0,20}(?:die|jump|pills)|ontheplatform.{0,30}train|nexttrain|took.{0,14}(?:pills|meds|tablets)|약을.{0,12}(?:많이|한꺼번에).{0,4}먹었|tomei.{0,12}(?:remédios|comprimidos)|overdosed|cantstopthebleeding|뛰어내릴|뛰어내리|跳楼|跳下去|吃了很多药') },

  // ── high: suicidal thoughts and self-harm ──
  { id: 'high-want-to-die', level: 'high', pattern: rx('死にた|{shi}にた(?!いして|いへん|いする)|しにた(?:い|く|か|す|み|$)|{shik}に(?:て(?![いるらきま])|とう|とお|だい)|{shi}ね(?:ば(?:いい|楽|らく)|たら|る(?:方法|薬|場所|くすり))|死にたみ|しにたみ|死なせて|しなせて|誰か(?:殺|ころ)して|^(?:殺|ころ)して|自分を(?:殺|ころ)したい|じぶんをころしたい|永眠したい|永遠に眠りたい|命を(?:終わらせ|絶|たち|断)|{shik}んで(?:しまいたい|しまおう|楽に)|吸い込まれそう|引き込まれそう|すいこまれそう|(?:いなく|居なく)なった(?:ほう|方)が|根性焼き|まとめ飲み|まとめのみ|一気飲みして|大量服薬|(?:腕|手首|太もも|足)に.{0,8}(?:線|せん)(?:を)?(?:いれ|入れ|引)|生[きぎ][でて][くぐ]ね|생きたくない|自ら命|あっち(?:に|へ)?(?:行きたい|いきたい)|あの世(?:に|へ)?(?:行きたい|いきたい)|保険金で.{0,8}(?:返す|払う|返済|なんとか|助か|楽)|逝(?:き|っ)?たい|{shik}ぬ(?:って|と)(?:言|い|ゆ)|病み(?:つい|垢|期|そう)|病んで(?:る|いる)|やんでる|闇落ち|一緒に(?:死|し)(?:ぬ|んで|のう)|いっしょにし(?:ぬ|んで|のう)|早く(?:お迎え|おむかえ)|(?:お迎え|おむかえ)が(?:来て|きて)(?:ほしい|欲しい)|長生きしたくない|後を追いたい|あとをおいたい|後追い|保険金で.{0,10}(?:助か|楽|らく)') },
  { id: 'high-no-way-but-die', level: 'high', pattern: rx('{shik}ぬ(?:しか|ほかな|つもり|気|き(?:で|が)|覚悟|かくご|かな|こと(?:ばかり|ばっか|しか)|方法|ほうほう|(?:の|ん)?(?:が|も)?(?:いい|楽|らく)|ほど(?:つら|辛|苦|くるし|しんど))|{shi}の(?:う|お)(?!え|た|ち|ら)|{shi}ぬために|(?:いなく|居なく)なったら(?:楽|らく)|消えたら(?:楽|らく)|死んだ(?:ほう|方)が|死んだら(?:楽|らく|いい|終わ|おわ)|死んで(?:しまいたい|楽に|お詫び|もいい)|楽に死|らくにし|死に方|しにかた|安楽死したい|たひ(?:る|り|った|ろ)') },
  { id: 'high-told-to-die', level: 'high', pattern: rx('(?<!{parent}(?:に|から).{0,6}){shik}ね.{0,6}(?:言われ|いわれ)') },
  { id: 'high-bare-die', level: 'high', pattern: rx('^(?:もう)?(?:{shik}ぬ|たひる|{shi}ね|しね)(?:わ|よ|ね)?$|(?<![\\u3041-\\u3096])しね(?!ん|.{0,6}(?:言われ|いわれ))|{shi}ね(?!ん|.{0,6}(?:言われ|いわれ))') },
  { id: 'high-suicide', level: 'high', pattern: rx('自殺|じさつ|自死(?!遺族)|自害|自決|希死念慮|きしねんりょ|自殺念慮|自殺願望|自殺未遂') },
  { id: 'high-disappear', level: 'high', pattern: rx('消え(?:たい|たく|たか|たす|たみ|てしまいたい|てなくなりたい|ちゃいたい)|きえ(?:たい|たく|たす|ちゃいたい)|いなくなりたい|居なくなりたい|この世から|存在を消|消える(?:こと|方法|ほう).{0,8}考え|(?:いない|居ない)(?:ほう|方)がいい|いなくなっても(?:誰も|だれも)|消えても(?:気づかない|誰も|だれも)|(?:から|ので|もう|私は|わたしは)消える(?:ね|わ|よ)?$|(?:もうすぐ|もう)いなくなる|持ち物を.{0,8}(?:あげ|譲|配)') },
  { id: 'high-not-want-to-live', level: 'high', pattern: rx('生き(?:ていたく|てたく|たく|とう|と)ない|いきて(?:い)?たくない|生[きぎ](?:る|てる|ている|でん|てん)(?:の)?(?:が|も|に)?(?:つら|辛|しんど|疲|つかれ|嫌|いや|やんだ|やだ|むり|無理|限界|意味|価値|理由|気力|希望|目的|だる|めんど)|生きる(?:の|こと)(?:を|も)(?:やめ|辞め|止め)|生きて(?:る|いる)?(?:意味|価値)|生き(?:てても|とっても|てて|とって)も?(?:仕方|しかた|しょうがな|意味)|生きていけない|人生(?:に|が)?(?:疲れ|つかれ)|迷惑(?:を)?かけるだけ|生きてても迷惑|血を見ると(?:落ち着|おちつ|安心|ほっと)|生まれて(?:こなければ|こなきゃ|きたくなかった|きてごめん|こなけりゃ)|生まれなければ|(?:朝|明日|あした)が(?:来|こ)なければ') },
  { id: 'high-end-it', level: 'high', pattern: rx('(?:もう|全部|ぜんぶ|すべて|人生|何もかも|なにもかも)(?:を)?(?:終わりにしたい|おわりにしたい|終わらせたい|おわらせたい)|^終わりにしたい|楽になりたい|らくになりたい|全部(?:やめたい|やめる).{0,8}生き|目が覚め(?:なければ|なきゃ|ないで|なかったら)|(?:起き|おき|目覚め)なかったら(?:いい|楽|らく)|目覚めたくない|ずっと眠っていたい|眠ったまま') },
  { id: 'high-self-harm', level: 'high', pattern: rx('りすか|りすとかっと|あむか|れぐか|自傷|(?:手首|てくび|腕|うで|足|太もも)(?:を)?(?:切り|きり|切っ|きっ|傷つけ|きずつけ)|切りたい衝動|(?:手首|腕|うで)(?:を)?(?:切|き)る|^(?:また|つい|今日も)?(?:切|き)っ(?:ちゃった|てしまった)|(?:薬|くすり|睡眠薬|眠剤)(?:を)?(?:ため|貯め|溜め)(?:てる|ている|た)|自分を傷つけ|自分(?:の体)?を(?:殴|叩)|自分に(?:向け|むけ)たく|自分を(?:刺|さし)たい|(?<![a-z])od(?![a-z])|おばどず|(?:薬|くすり)(?:を)?(?:たくさん|大量|いっぱい|全部)飲みたい|頭を(?:壁に)?(?:打ちつけ|うちつけ)|頭.{0,2}(?:打ちつけ|うちつけ)|(?:手首|腕|うで)(?:に|の)?.{0,4}(?:傷|きず)(?:を)?(?:作|つく)|(?:切|き)るしかない|(?:薬|市販薬|くすり).{0,6}(?:たくさん|大量|いっぱい)(?:飲む|のむ)|腕を(?:噛|か)ん|(?:腕|うで|手首|てくび)(?:に|の)?.{0,4}(?:傷|きず)(?:が|も)?.{0,3}(?:増え|ふえ|たくさん|いっぱい|ある)|切り傷|(?:薬|くすり)の空き箱|(?:薬|くすり)の空(?:の)?しと|絵刃.{0,4}絵血|やっちゃった.{0,2}絵刃') },
  { id: 'high-hanging', level: 'high', pattern: rx('首(?:を)?(?:吊|つ)(?:り|る|ろ|っ)|(?:首|くび)(?:を)?(?:くく|括)(?:る|り|ろう|って)|首吊り|くびつり|くびつる|くびつろ|飛び降り|とびおり|電車に飛び込|線路に飛び込') },
  { id: 'high-romaji', level: 'high', pattern: rx('shinitai|sinitai|jisatsu|jisatu|kietai|shinushika|shinitaku') },
  { id: 'high-en', level: 'high', pattern: rx('wants?todie|wannadie|(?:wanna|gonna|imma|gotta|just)kms|wants?tokill(?:my|her|him)self|killmyself|gonnakms|(?<![a-z])kms(?![a-z])|suicid|endmylife|enditall|dontwanttolive|dontwanttobealive|wishiwasdead|wishiweredead|selfharm|cut(?:ting)?(?:my|her|him|them)sel|beencutting|cuttingagain|hurtmyself|killingmyself|endingmylife|wants?todisappear|givingaway(?:her|his|their|my)(?:stuff|things)|nottobealive|noreasontolive|betteroffdead') },
  { id: 'high-other-languages', level: 'high', pattern: rx('想死|不想活|自杀|죽고싶|자살|사라지고싶|자해|quieromorir|quieromatarme|suicidarme|suicidarse|muốnchết|muonchet|tựtử|magpakamatay|mamatayna|muốnchết|mamatay|बाँच्न मन छैन|बाँच्नमनछैन|gustokonangmamatay|queromorrer|querome matar|आत्महत्या|मर्न') },
  { id: 'concern-farewell-post', level: 'high', othersOnly: true, pattern: rx('さよなら|さようなら|goodbye') },

  // ── abuse: children, partners, older people, disabled people, sexual violence ──
  { id: 'abuse-told-to-die-by-parent', level: 'abuse', kind: 'child', childVoice: true, pattern: rx('{parent}(?:に|から).{0,6}(?:{shik}ね|しね|消えろ|きえろ|産まなきゃ|うまなきゃ|生まなければ).{0,6}(?:言われ|いわれ)') },
  { id: 'abuse-child-voice', level: 'abuse', kind: 'child', childVoice: true, pattern: rx('(?:{parent}|{kin})(?:に|から)(?:毎日|まいにち|いつも|また|よく|ずっと)?.{0,10}(?:{hit}|怒鳴られ|どなられ|閉じ込め|とじこめ|たばこ|煙草|押しつけ|おしつけ|無視され|むしされ|さわられ|触られ)|(?:{parent}|{kin})が.{0,10}(?:こわい|怖い).{0,6}{hit}|{parent}が(?:ごはん|ご飯|食事)(?:を)?(?:くれない|作ってくれない|つくってくれない)|{parent}が(?:何日|なんにち|ずっと)(?:も)?(?:帰って|かえって)(?:こない|来ない)|(?:ごはん|ご飯)(?:を)?(?:もらえない|たべさせてもらえない|抜かれ|ぬかれ)|家に(?:入れて|いれて)もらえない|外に出してもらえない|家に(?:帰りたくない|かえりたくない|いたくない)|{parent}(?:に|から).{0,10}(?:閉め出|しめだ|締め出)|(?<!自分で)(?:たばこ|煙草).{0,10}(?:押しつけ|おしつけ|押し付け)|{kin}が.{0,8}{hit}|(?:{parent}|{kin})(?:に|から).{0,20}(?:いらない|産まなきゃ|うまなきゃ|出ていけ|でていけ|消えろ|きえろ|邪魔|じゃま)(?:って|と)?.{0,6}(?:言われ|いわれ)|(?:{parent}|{kin})が.{0,12}(?:へんなところ|変なところ|体|からだ|胸|お尻)?.{0,4}(?:さわ|触)(?:って|る)|食べさせて(?:もらえ|くれ)ない|(?:oya|chichi|haha|papa|mama)(?:ga|ni).{0,10}(?:nagur|tatak|ker)|(?:mom|dad|mother|father|stepdad|stepfather|parents?)(?:hits|beats|hit|kicks|hurts)me') },
  { id: 'abuse-child-witness', level: 'abuse', kind: 'child', childVoice: true, pattern: rx('{parent}が{parent}(?:を|に).{0,6}{hit}|{parent}が.{0,12}(?:暴れ|あばれ)') },
  { id: 'abuse-child', level: 'abuse', kind: 'child', pattern: rx('児童虐待|じどうぎゃくたい|ねぐれくと|育児放棄|面前dv|{kid}(?:を|に)(?:つい|また)?(?:{hit}|手をあげ|手を上げ|揺さぶ|ゆさぶ|怒鳴|閉じ込|とじこ)(?!られ|され)|(?:揺さぶ|ゆさぶ)ってしま|(?:子|こ)に(?:あざ|痣|やけど|火傷)|{kid}(?:を|に).{0,10}(?:{hit}|手をあげ|手を上げ)(?!られ|され|かない|らない)|{kid}(?:に|へ)(?:ご飯|ごはん|食事)(?:を)?(?:あげない|あげてない|食べさせない|作らない)|(?:{kid}|子|こ)の(?:体|からだ|腕|うで|顔|かお|背中|足)(?:に|の)?.{0,6}(?:あざ|痣|やけど|火傷)|(?:虐待|ぎゃくたい)(?:かも|されて|を受け|うけ)|(?:怒鳴り声|どなりごえ|物が壊れる|叫び声|さけびごえ).{0,40}子.{0,10}泣|{kid}(?:が|の).{0,24}(?:叩かれ|殴られ|蹴られ|泣き叫|なきさけ|放置され|叫んで|さけんで)|{kid}.{0,4}(?:泣き叫ぶ|なきさけぶ|悲鳴)|{kid}.{0,6}虐待|虐待.{0,6}{kid}|(?:{kin})が.{0,10}(?:{kid}|妹|弟|いもうと|おとうと)(?:に|を).{0,16}{hit}|{kid}.{0,16}(?:べらんだ|外)に.{0,8}(?:出され|だされ|閉め出|しめだ)|{kid}.{0,16}(?:同じ服|夜遅くまで外|ご飯(?:も|を)?食べて(?:ない|いない))|{kid}.{0,10}(?:一人で|ひとりで)?(?:置かれ|置き去り|おきざり)|(?:burns?|burned)(?:her|him|me|them)withcigarette|cigarettes?.{0,12}burn|{parent}が(?:いない|いなくて|帰ってこ)|kid.{0,60}(?:beinghit|hit|abused|beaten|leftalone|alonefordays|nobodycomes)|đánhcon|childabuse') },
  { id: 'abuse-dv', level: 'abuse', kind: 'dv', pattern: rx('{partner}(?:に|から|が)?.{0,20}(?:{hit}|暴言|ぼうげん|怒鳴|どな|物を投げ|ものをなげ|脅|おど|監視|束縛|そくばく|生活費を(?:くれ|渡さ|わたさ)|お金を(?:渡してくれ|くれな|取られ|とられ|渡さ)|外出させ|無理やり|むりやり|逆らうと|さからうと|暴れ|あばれ|殺す|ころす|髪を(?:引っ張|ひっぱ)|財布を取り上げ|通帳を取り上げ|あざ|痣|会わせてもらえ|言われ続け|物を壊|ものをこわ)|{partner}(?:から|に)(?:逃げ|にげ|見つから|みつから)|{partner}(?:が|の).{0,6}(?:怖|こわ)(?!い話|いはなし)|{partner}.{0,12}(?:探して|さがして|待ち伏せ|まちぶせ|待って(?:る|いる)|ついてくる|つけてくる).{0,10}(?:怖|こわ)|しぇるた(?:に|へ)(?:入|はい|逃|にげ|行き|いき)|住民票.{0,10}(?:見られ|知られ)|(?<![a-z])dv(?!d)|どめすてぃっく|もらはら|配偶者暴力|すとかかも|すとか(?:に|被害|され)|つきまと|返さないと.{0,10}(?:暴れ|殴|怒)|{partner}(?:に|から).{0,16}(?:取り上げ|とりあげ)|外出(?:も|を)?(?:許して|させて)(?:もらえ|くれ)|老公.{0,6}打|丈夫.{0,6}打|marido.{0,10}bate|श्रीमान.{0,12}कुट|chồng.{0,16}đánh|{partner}(?:に|から).{0,16}(?:すまほ|携帯|けいたい).{0,6}(?:見られ|ちぇっく|監視).{0,12}(?:怒|おこ|こわ|怖|責め|殴|束縛)|{partner}.{0,10}(?:勝手に|毎日|いつも).{0,6}(?:すまほ|携帯).{0,6}(?:見|ちぇっく)|(?:会うな|あうな|行くな|出かけるな)(?:って|と)(?:言われ|いわれ)|{partner}(?:に|から).{0,20}(?:ずっと|毎日|いつも)(?:言われ|いわれ)|sinasaktan|binubugbog|(?:otto|danna|kareshi)(?:ga|ni).{0,10}(?:nagur|tatak|ker)|(?:husband|wife|boyfriend|girlfriend|partner)(?:hits|beats|hit|beat|kicks|kicked|choked|chokes|abuses|abused|threatens)|domesticviolence|chồngtôiđánh|丈夫打我|老公打|남편이때') },
  { id: 'abuse-elder', level: 'abuse', kind: 'elder', pattern: rx('高齢者虐待|(?:高齢|お年寄り|おとしより|祖母|祖父|おばあちゃん|おじいちゃん|ばあちゃん|じいちゃん|おばあさん|おじいさん|義母|義父|姑|舅|認知症|要介護|\\d{2}歳の(?:母|父))(?:が|を|に|の|は)?.{0,16}(?:虐待|殴られ|なぐられ|叩かれ|たたかれ|蹴られ|暴言|怒鳴られ|どなられ|放置され|年金を|お金を(?:取|とら|使い込|渡さ)|閉じ込め|とじこめ|縛られ|しばられ|ご飯(?:を)?もらえ|ごはん.{0,3}もらえ|乱暴|あざ|痣|{hit}(?!られ))|おむつ.{0,8}(?:替えて|かえて)もらえ|介護.{0,12}(?:{hit}|怒鳴って|どなって)|elderly.{0,30}(?:hit|beaten|abused)') },
  { id: 'abuse-disability', level: 'abuse', kind: 'disability', pattern: rx('障害者虐待|しょうがいしゃぎゃくたい|(?:障害|障がい|しょうがい|自閉|知的|発達障害|精神障害|車いす|車椅子).{0,24}(?:虐待|殴|叩|暴言|怒鳴|どな|閉じ込|縛|しばりつけ|使い込|つかいこ|お金を取|おかねをと|触られ|さわられ|放置|給料(?:を)?(?:払わ|はらわ))|(?:disability|disabled|grouphome).{0,40}(?:hit|abuse|beat)') },
  { id: 'abuse-sexual', level: 'abuse', kind: 'sexual', pattern: rx('性暴力|せいぼうりょく|性被害|せいひがい|性的(?:暴行|虐待|被害|いたずら)|れいぷ|強姦|ごうかん|強制性交|痴漢(?:に|され)|ちかん(?:に|され)|盗撮され|とうさつされ|(?<!{partner}に)無理やり(?:され|やられ|触|さわ|きす|脱が|性行為|関係)|むりやり(?:され|やられ|さわ)|(?:体|からだ|胸|むね|お尻|おしり|下着).{0,6}(?:触られ|さわられ)|裸の(?:写真|画像).{0,12}(?:送|拡散|ばらま|脅|撮られ|とられ)|(?:部屋|布団|ふとん|寝床)に(?:入って|はいって)(?:こ|く)(?:られ|る)|groped|touchedmeinappropriately|(?:意識|記憶)(?:を)?(?:なくし|失|が(?:ない|なかった)).{0,16}(?:ほてる|知らない(?:人の)?(?:部屋|家))|何されたか(?:わからない|覚えてない|おぼえてない)|性的な(?:こと|事)(?:を)?(?:され|やられ)|きすされ|きすを強要|りべんじぽるの|せくはら|性行為を強要|飲まされて.{0,12}(?:記憶がない|覚えていない|おぼえてない)|連れ込まれ|ほてるに連れ|嫌だって言ったのに|やめてくれなかった|raped|sexuallyassaulted|sexualassault|molested|violaron|violada|성폭력|성폭행|性侵|强奸') },
  { id: 'abuse-harm', level: 'abuse', kind: 'cue', pattern: rx('虐待|ぎゃくたい|(?:殴られ|なぐられ|叩かれ|たたかれ|蹴られ|けられ|怒鳴られ|どなられ|閉じ込め|とじこめ|縛られ|しばられ|乱暴され|無視され|むしされ)(?:て|た|る)|乱暴に扱われ|部屋に鍵をかけ|あざだらけ|不自然なあざ|(?:財布|通帳|年金|貯金|口座)(?:から|を|の).{0,8}(?:取っ|とっ|取ら|とら|使い込|つかいこ|抜|勝手に|全部使)|(?:お金|金)(?:を)?(?:盗|ぬす)|年金(?:も|を)?(?:取られ|とられ|使われ)|外出させて(?:もらえ|くれ)|暴力(?:を)?(?:受け|うけ|ふるわれ|振るわれ)|食事(?:を)?(?:もらえて|させてもらえて)(?:い)?ない|つねっ|暴言を(?:吐|はい)|年金.{0,20}(?:渡って(?:い)?(?:ない|ません)|渡されない|渡さない)|物を投げつけ|ものをなげつけ') },
];

/** The cues that tell whose harm a generic harm word is about, strongest first. */
export const ABUSE_CUES: readonly [AbuseKind, RegExp][] = [
  ['sexual', rx('性的|性行為|裸|胸|お尻|下着|さわられ|触られ')],
  ['disability', rx('障害|障がい|しょうがい|自閉|知的|作業所|支援学校|ぐるぷほむ|耳が聞こえ|目が見え|聴覚|視覚|車いす|車椅子|ろう者|聾|盲|disab')],
  ['elder', rx('高齢|お年寄り|祖母|祖父|おばあ|おじい|ばあちゃん|じいちゃん|認知症|介護|年金|おむつ|へるぱ|でいさびす|\\d{2}歳の(?:母|父)|(?:母|父)(?:が|の).{0,8}(?:施設|入所|面会)|面会|elderly')],
  // 施設の利用者 may be older or disabled: with no other cue, the disabled-person route (both report to the ward).
  ['disability', rx('施設|利用者|職員')],
  ['dv', rx('{partner}')],
  ['child', rx('{kid}|{parent}|{kin}|小\\d|中\\d|高\\d|学校|先生|家出|歳(?:です|。)|kid|child')],
];

const OTHERS =
  '(?:友達|友だち|ともだち|友人|ゆうじん|知人|親友|彼女|かのじょ|彼氏|かれし|夫|おっと|妻|旦那|だんな|息子|むすこ|娘|むすめ|母|父|はは|ちち|まま|ぱぱ|おばあちゃん|ばあちゃん|おじいちゃん|じいちゃん|おばあさん|おじいさん|祖母|祖父|兄|姉|弟|妹|家族|同僚|先輩|後輩|上司|部下|生徒|るむめいと|つれ|近所の人|隣の人|知り合い|同級生|職場の人|あの人|その人|くらすの子|同じくらす|子ども|子供|こども|利用者|患者|親|彼|(?:うちの|この|あの|その|隣の|近所の|くらすの)子)';
const OTHERS_EN = 'friend|sister|brother|mother|father|(?<![a-z])son(?![a-z])|daughter|wife|husband|girlfriend|boyfriend|roommate|amig[oa]|bạn|kaibigan|(?:kare|kanojo|tomodachi|musuko|musume|otto|tsuma)(?:ga|wa)|朋友|친구';

/** Someone other than the writer is the subject (「友達が」「母は」「娘の」): a thought of theirs is `concern`. */
export const THIRD_PARTY = new RegExp(`^${OTHERS}(?![にをとへで])|${OTHERS}(?:さん|ちゃん|くん|君)?(?:が|は|も|って|の(?:口癖|部屋|腕|手首|体|からだ|すまほ|携帯|のと|日記|かばん|ごみ箱|机|投稿|いんすた|sns|様子))|${OTHERS_EN}`, 'u');
/** 「自殺しそうな友達」: the phrase describes someone named right after it. */
export const DESCRIBES_OTHER = new RegExp(`^.{0,6}(?:な|している|してる)${OTHERS}|^.{0,6}(?:な|している|してる)${OTHERS_EN}`, 'u');
/** Someone other than the writer is named anywhere in the message. */
export const OTHER_PERSON = new RegExp(`${OTHERS}|${OTHERS_EN}`, 'u');
/** The writer speaks of themself: a risk phrase right after this stays the writer's own. */
export const FIRST_PERSON = rx('(?:私|わたし|あたし|僕|ぼく|俺|おれ)(?:も|は|が|って|なんか|なんて|の)?.{0,4}$'); // not 自分: reflexive (弟が自分の腕を)
