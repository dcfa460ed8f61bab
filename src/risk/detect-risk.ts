// The risk screen: a pure function of the message text, run on every message before anything else.
// It depends on nothing that can fail (no search, no database, no network): only the rule table.
import { fold } from '../analyse/normalise';
import { type AbuseKind, type RiskAssessment, severity } from '../core/risk-level';
import {
  ABUSE_CUES,
  DESCRIBES_OTHER,
  EXCLUSIONS,
  FIRST_PERSON,
  HEDGED,
  MEANINGFUL_EMOJI,
  UNREACHABLE,
  OTHER_PERSON,
  PAST_OR_HABIT,
  RULES,
  THIRD_PARTY,
  type Level,
  type Rule,
} from './rules';

/** Words that tie a risk phrase to someone else: 「…と言っている」「…みたい」. */
const REPORTED =
  /^.{0,8}(?:tte|to)(?:itte|iu|itta)|^.{0,8}(?:見せられ|相談され|打ち明けられ|聞かされ|告白され)|^.{0,8}(?:って|と)$|^.{0,8}(?:って|と|とか).{0,8}(?:言|い(?:って|う|わ)|書|かい|つぶや|話|はな|line|らいん|打ち明|うちあけ|漏ら|もら|送って|おくって|載せ|のせ|投稿)|^.{0,8}(?:みたい|らしい|ようだ|そう(?:で|だ|な)|心配|しんぱい)/u;
/** Harm kinds, most specific first: a disabled or older victim, a child (189 first), sexual harm, then partners. */
const KIND_ORDER: readonly AbuseKind[] = ['disability', 'elder', 'child', 'sexual', 'dv'];

/** A verb of saying right after a quoted phrase: 「…って言ってる」「…と書いてた」. */
const SPEECH = /^.{0,8}(?:って|と)(?:言|いって|いう|いわ|ゆう|書|かい|つぶや|話|はな)/u;

/** Signs someone else leaves: pill packets, scars, notes, search history. */
const SIGN = /空き箱|空のしと|傷|きず|痕|あと|履歴|めも|のと/u;

type Hit = { rule: Rule; level: Level; kind?: AbuseKind; urgent?: boolean };

export function detectRisk(text: string): RiskAssessment {
  const whole = clean(text);
  // Clauses keep who-said-what apart (「母が死にたいと言っていて、私も死にたい」); the whole text catches
  // phrases split by punctuation (「タヒる、いまから」).
  const clauses = text
    .split(/[。．.！!？?\n]+/u)
    .map(clean)
    .filter((c) => c.length > 0);
  const hits: Hit[] = [];
  let prefix = '';
  for (const clause of clauses) {
    hits.push(...screen(clause, prefix, whole));
    prefix += clause;
  }
  if (clauses.length > 1) hits.push(...screen(whole, '', whole));
  if (hits.length === 0) return { level: 'none' };

  const top = hits.reduce((best, h) => (severity(h.level) < severity(best.level) ? h : best));
  const result: RiskAssessment = { level: top.level, rule: top.rule.id };
  const kinds = new Set(hits.flatMap((h) => (h.kind === undefined ? [] : [h.kind])));
  const kind = KIND_ORDER.find((k) => kinds.has(k));
  if (kind !== undefined) result.abuseKind = kind;
  if (kind === 'child' && hits.some((h) => h.rule.childVoice === true)) result.childVoice = true;
  if (hits.some((h) => h.rule.otherDanger === true)) result.otherDanger = true;
  if (top.level === 'concern' && hits.some((h) => h.urgent === true)) result.urgent = true;
  return result;
}

/** The exclusions, compiled once with the global flag: every occurrence is removed. */
const EXCLUDE_ALL = EXCLUSIONS.map((exclusion) => new RegExp(exclusion.source, 'gu'));

function clean(text: string): string {
  let withWords = text;
  for (const [emoji, word] of Object.entries(MEANINGFUL_EMOJI)) withWords = withWords.replaceAll(emoji, word);
  let folded = fold(withWords);
  for (const exclusion of EXCLUDE_ALL) folded = folded.replace(exclusion, '・');
  return folded;
}

function screen(clause: string, prefix: string, whole: string): Hit[] {
  const hits: Hit[] = [];
  for (const rule of RULES) {
    const match = rule.pattern.exec(clause);
    if (match === null) continue;
    let level = rule.level;
    let urgent = false;
    if (rule.pastIsHigh === true && PAST_OR_HABIT.test(clause)) level = 'high';
    if (
      level === 'emergency' &&
      rule.evidence === true &&
      HEDGED.test(clause) &&
      !UNREACHABLE.test(whole) &&
      isSomeoneElse(clause, match.index, match[0].length, prefix)
    ) {
      level = 'concern';
      urgent = true;
    }
    // A thought or act of someone else's is `concern` (what to do as a supporter), unless it is
    // danger now: then it stays emergency, whoever is at risk.
    if (level === 'high') {
      const someoneElse = isSomeoneElse(clause, match.index, match[0].length, prefix);
      if (someoneElse) level = 'concern';
      else if (rule.othersOnly === true) continue;
    }
    const kind = rule.kind === 'cue' ? cueKind(whole) : rule.kind;
    if (rule.kind === 'cue' && kind === undefined) continue; // harm with no one named: not abuse
    const hit: Hit = { rule, level, urgent };
    if (kind !== undefined) hit.kind = kind;
    hits.push(hit);
  }
  return hits;
}

function isSomeoneElse(clause: string, at: number, length: number, prefix: string): boolean {
  const before = clause.slice(0, at);
  const after = clause.slice(at + length);
  // 「夫が『俺なんかいないほうがいい』と言う」: someone named, then their words quoted — theirs, not the writer's.
  if (THIRD_PARTY.test(before) && REPORTED.test(after)) return true;
  if (FIRST_PERSON.test(before.slice(-10))) return false;
  if (THIRD_PARTY.test(before + clause.slice(at, at + length))) return true;
  if (DESCRIBES_OTHER.test(after)) return true;
  // 「大学の友達のことなんですが、…『死んだら楽かな』って言ってて」: quoted, with someone else named
  // or a subject (「ゲームで知り合った子がよく『死にたい』って言ってる」).
  if (REPORTED.test(after) && OTHER_PERSON.test(prefix + before)) return true;
  if (SPEECH.test(after) && /(?:が|は)/u.test(before)) return true;
  // A sign found in a later sentence (「妹がODしてるかも。薬の空き箱が…」) belongs to the person named before.
  return SIGN.test(clause.slice(at, at + length)) && THIRD_PARTY.test(prefix);
}

function cueKind(whole: string): AbuseKind | undefined {
  return ABUSE_CUES.find(([, cue]) => cue.test(whole))?.[0];
}
