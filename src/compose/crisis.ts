// Crisis replies: the fixed texts from prompts/<locale>.yaml (crisis_*), then the lines that can help, chosen from
// knowledge/ by the risk they serve and ordered by whether they are open now. 119 or 110 lead when life
// is in danger (safe-messaging.md). Plain text: it reads on every phone, and LINE makes numbers tappable.
import type { Category, Entry, Risk } from '../knowledge/schema';
import { ENTRIES, entryById, ROUTING } from '../knowledge/data';
import type { AbuseKind, RiskAssessment, ScreenLevel } from '../core/risk-level';
import { describeStatus } from './describe-hours';
import { isJapanese, type Locale } from '../core/locale';
import { displayName } from './display-name';
import { localeTexts } from './locale';
import { fill } from './prompts-schema';
import { isOpenNow, openStatus, type OpenStatus } from '../hours/open-status';
import type { Message } from '../send/line-api';
import { type Reach, reachFor } from './contact';
import { textMessage } from './messages';
import { promptsFor } from './prompts';
import type { Prompts } from './prompts-schema';

/** 119 and 110 are said in the lead text itself; they are not repeated in the list. */
const LEAD_NUMBERS = new Set(ROUTING.leadNumbers);

const RISK_FOR_KIND: Record<AbuseKind, Risk> = {
  child: 'child-abuse',
  dv: 'dv',
  elder: 'elder-abuse',
  disability: 'disability-abuse',
  sexual: 'sexual-violence',
};

const INTRO_FOR_KIND: Record<AbuseKind, keyof Prompts> = {
  child: 'crisis_abuse_child',
  dv: 'crisis_abuse_dv',
  elder: 'crisis_abuse_elder',
  disability: 'crisis_abuse_disability',
  sexual: 'crisis_abuse_sexual',
};

/** A line as it will be printed: the entry and how it is reached now (its number, that number's status). */
export type Line = { entry: Entry; reach: Reach | undefined; status: OpenStatus };

function lineOf(entry: Entry, now: Date): Line {
  const reach = reachFor(entry, now);
  return { entry, reach, status: reach?.status ?? openStatus(entry.hours, now) };
}

/**
 * The lines for some risks: those for the main risk (the first named) before the rest, then open ones
 * first (24 h before those that close), then by next opening. With `openOnly`, only lines open now,
 * when at least `minimum` are.
 */
export function linesFor(
  risks: Risk[],
  now: Date,
  limit: number,
  options: { openOnly?: boolean; minimum?: number; forChild?: boolean; locale?: Locale } = {},
): Line[] {
  const lines = ENTRIES.filter((e) => !LEAD_NUMBERS.has(e.id) && e.parent === undefined && e.risks.some((r) => risks.includes(r)))
    .filter((e) => options.forChild === true || !isForChildrenOnly(e))
    .map((entry) => lineOf(entry, now))
    .sort((a, b) => order(a, b, risks, options.locale ?? 'ja'));
  const open = lines.filter((l) => isOpenNow(l.status));
  if (options.openOnly === true && open.length >= (options.minimum ?? 1)) return open.slice(0, limit);
  return [...open, ...lines.filter((l) => !isOpenNow(l.status))].slice(0, limit);
}

/** Lines only for children and young people (子供SOSダイヤル, チャイルドライン) are offered to a child. */
function isForChildrenOnly(entry: Entry): boolean {
  const audiences = entry.eligibility.audiences;
  return !audiences.includes('anyone') && (audiences.includes('child') || audiences.includes('youth'));
}

function order(a: Line, b: Line, risks: Risk[], locale: Locale): number {
  // The named harm's own lines first (the elder-abuse line before the disability one for an older person).
  const main = (l: Line) => (l.entry.risks.includes(risks[0] ?? 'suicide') ? 0 : 1);
  const rank = (l: Line) => (l.status.kind === 'always' ? 0 : l.status.kind === 'open' ? 1 : 2);
  // Among lines equally open, those known to speak the resident's language (or many languages) first.
  const speaks = (l: Line) => (isJapanese(locale) || l.entry.languages.includes(locale) || l.entry.languages.includes('multi') ? 0 : 1);
  return main(a) - main(b) || rank(a) - rank(b) || speaks(a) - speaks(b) || nextAt(a) - nextAt(b);
}

function nextAt(l: Line): number {
  return l.status.kind === 'closed' && l.status.next !== undefined ? l.status.next.at.getTime() : Number.MAX_SAFE_INTEGER;
}

/**
 * 「・東京いのちの電話\n　03-3264-4343（24時間受付・通話料がかかります）」: the number printed with its own
 * status and cost, and a mark when a fact printed is not yet confirmed (contact.ts decides all three).
 */
export function formatLine({ entry, reach, status }: Line, now: Date, locale: Locale = 'ja'): string {
  const t = localeTexts(locale);
  const hours = describeStatus(status, reach?.schedule ?? entry.hours, now, t);
  const name = displayName(entry, locale);
  if (reach === undefined && entry.access.includes('chat')) return `・${name}（LINE・${hours}）${entry.web ? `\n　${entry.web.url}` : ''}`;
  if (reach === undefined) return `・${name}（${hours}）${entry.web ? `\n　${entry.web.url}` : ''}`;
  const mark = reach.unverified ? `\n　${t.unverifiedMark}` : '';
  if (reach.viaWard !== undefined) return `・${name}（${hours}）\n　${reach.number}：${fill(t.askFor, { section: reach.viaWard })}${mark}`;
  return `・${name}\n　${reach.number}（${hours}・${reach.free ? t.free : t.paid}）${mark}`;
}

function list(lines: Line[], now: Date, locale: Locale): string {
  return lines.map((l) => formatLine(l, now, locale)).join('\n');
}

/** Many people, the young above all, will not phone: add a chat line when one is open (safe-messaging.md). */
function withChatLine(lines: Line[], risks: Risk[], now: Date, forChild = false): Line[] {
  const chat = ENTRIES.filter((e) => e.access.includes('chat') && e.phones.length === 0 && e.risks.some((r) => risks.includes(r)))
    .filter((e) => forChild || !isForChildrenOnly(e))
    .map((entry) => lineOf(entry, now))
    .find((l) => isOpenNow(l.status) && !lines.some((m) => m.entry.id === l.entry.id));
  return chat === undefined ? lines : [...lines, chat];
}

/** The ward's own place for the mind, with when it can be reached (safe-messaging: a person nearby). */
function wardMindLine(now: Date, locale: Locale): string {
  const ward = entryById(ROUTING.wardMindWindow);
  if (ward === undefined) return '';
  return `\n\n${promptsFor(locale).crisis_ward}\n${formatLine(lineOf(ward, now), now, locale)}`;
}

export function crisisMessages(risk: RiskAssessment, now: Date, locale: Locale = 'ja'): Message[] {
  const p = promptsFor(locale);
  const kindRisk = risk.abuseKind === undefined ? undefined : RISK_FOR_KIND[risk.abuseKind];
  switch (risk.level) {
    case 'emergency': {
      const lead = risk.otherDanger === true || (kindRisk !== undefined && risk.abuseKind !== 'child') ? p.crisis_emergency_other : p.crisis_emergency_self;
      const risks: Risk[] = kindRisk !== undefined ? [kindRisk, 'suicide'] : ['suicide', 'self-harm'];
      const lines = withChatLine(linesFor(risks, now, 3, { openOnly: true, minimum: 2 }), risks, now);
      return [textMessage(lead), textMessage(`${p.crisis_emergency_lines}\n${list(lines, now, locale)}`), textMessage(p.crisis_keep_talking)];
    }
    case 'high': {
      const lines = withChatLine(linesFor(['suicide', 'self-harm'], now, 3, { openOnly: true, minimum: 2 }), ['suicide', 'self-harm'], now);
      return [
        textMessage(`${p.crisis_high}\n\n${p.crisis_lines_now}\n${list(lines, now, locale)}${wardMindLine(now, locale)}`),
        textMessage(p.crisis_keep_talking),
      ];
    }
    case 'concern': {
      const lines = withChatLine(linesFor(['suicide', 'mental-health'], now, 3, { openOnly: true, minimum: 2 }), ['suicide', 'mental-health'], now);
      const lead = risk.urgent === true ? [textMessage(p.crisis_concern_urgent)] : [];
      return [...lead, textMessage(p.crisis_concern), textMessage(`${p.crisis_lines_now}\n${list(lines, now, locale)}${wardMindLine(now, locale)}`)];
    }
    case 'abuse': {
      if (risk.abuseKind === 'child' && risk.childVoice === true) {
        const lines = linesFor(['child-abuse', 'youth'], now, 4, { openOnly: true, minimum: 2, forChild: true }).filter(
          (l) => l.entry.kind === 'hotline' && l.reach !== undefined,
        );
        const chats = withChatLine([], ['youth', 'child-abuse'], now, true);
        // 「お金はかかりません」 only when every number listed is free.
        const free = lines.every((l) => l.reach?.free === true) ? p.crisis_child_lines_free : '';
        return [textMessage(p.crisis_child), textMessage(`${p.crisis_child_lines}${free}\n${list([...lines, ...chats], now, locale)}`)];
      }
      const kind = risk.abuseKind ?? 'child';
      // Older and disabled people share care facilities and day services: offer both lines, the named one first.
      const risks: Risk[] =
        kind === 'elder' ? ['elder-abuse', 'disability-abuse'] : kind === 'disability' ? ['disability-abuse', 'elder-abuse'] : [RISK_FOR_KIND[kind]];
      const lines = withChatLine(linesFor(risks, now, 4), risks, now);
      return [textMessage(p[INTRO_FOR_KIND[kind]]), textMessage(`${p.crisis_lines_abuse}\n${list(lines, now, locale)}`), textMessage(p.crisis_keep_talking)];
    }
    case 'distress':
    case 'none':
      return [];
  }
}

/** Lines for reporting harm: offered when the risk screen finds that harm, never as an after-hours extra. */
const REPORT_RISKS: readonly Risk[] = ['child-abuse', 'dv', 'elder-abuse', 'disability-abuse', 'sexual-violence', 'crime-victim'];
/** Lines for people in crisis: offered after hours only when the resident's words speak of distress. */
const CRISIS_RISKS: readonly Risk[] = ['suicide', 'self-harm', 'mental-health', 'emergency', 'bereaved'];

/**
 * A line a person answers right now on the topic (after hours: 188 for consumer trouble, a health line…),
 * fitting the need: never a line for reporting abuse, and a crisis line only when the words say distress.
 */
export function openLineForTopic(categories: Category[], now: Date, words: ScreenLevel = 'none'): Line | undefined {
  const distressed = words !== 'none';
  // The main topic only (the first category): a line for a neighbouring topic does not fit the need.
  const topic = categories.slice(0, 1);
  return ENTRIES.filter((e) => e.kind === 'hotline' && !LEAD_NUMBERS.has(e.id) && !isForChildrenOnly(e) && e.categories.some((c) => topic.includes(c)))
    .filter((e) => !e.risks.some((r) => REPORT_RISKS.includes(r)) && (distressed || !e.risks.some((r) => CRISIS_RISKS.includes(r))))
    .map((entry) => lineOf(entry, now))
    .filter((l) => isOpenNow(l.status))
    .sort((a, b) => topicRank(a.entry, topic) - topicRank(b.entry, topic))[0];
}

/** How early in the resident's categories this line's topic comes (the first named is the main one). */
function topicRank(entry: Entry, categories: Category[]): number {
  return Math.min(...entry.categories.map((c) => categories.indexOf(c)).filter((i) => i >= 0));
}

/** A short answer (「はい」) after a crisis reply: stay with the person and repeat what is open now. */
export function crisisFollowUpMessages(level: string, now: Date, locale: Locale = 'ja'): Message[] {
  const p = promptsFor(locale);
  const lines = linesFor(level === 'abuse' ? ['child-abuse', 'dv', 'suicide'] : ['suicide', 'self-harm'], now, 3, { openOnly: true, minimum: 2 });
  return [textMessage(`${p.crisis_followup}\n${list(lines, now, locale)}`)];
}
