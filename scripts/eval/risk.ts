// Evaluates the risk screen on the evaluation sets: the rules alone, the learned model alone and both
// together (what residents get), per set — recall at any risk level, the right level, emergencies
// answered with 119/110 first, and false alarms — with every miss of the combined screen listed.
// Figures, not pass/fail (the tests hold the floors). Which figures are first sight for what is in
// scripts/risk-model/sets.ts and README "Risk screen".
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadTokenizer } from '../../src/analyse/tokenizer.ts';
import { crisisMessages } from '../../src/compose/crisis.ts';
import type { RiskAssessment } from '../../src/core/risk-level.ts';
import { detectRisk } from '../../src/risk/detect-risk.ts';
import { RISK_MODEL, type RiskModel, readWithModel } from '../../src/risk/model.ts';
import { type RiskCase, RiskCaseSchema } from '../risk-model/sets.ts';
import { promptsFor } from '../../src/compose/prompts.ts';
import { LOCALES } from '../../src/core/locale.ts';
import { type Reply, respond } from '../../src/pipeline/respond.ts';
import { readState } from '../../src/pipeline/state.ts';
import { modelLevel } from '../../src/risk/model-level.ts';
import { screenMessage } from '../../src/risk/screen.ts';

export type Screen = 'rules' | 'model' | 'both';
const tokenizer = await loadTokenizer();

function screenWith(screen: Screen, model: RiskModel): (text: string) => RiskAssessment {
  switch (screen) {
    case 'rules':
      return detectRisk;
    case 'model':
      return (text) => {
        const reading = readWithModel(text, tokenizer, model);
        return { level: modelLevel(reading.probabilities, reading.thresholds, text) };
      };
    case 'both':
      return (text) => screenMessage(text, tokenizer, model);
  }
}

type Count = { hit: number; total: number };
export type RiskFigures = {
  /** A risk message flagged at any risk level (nobody at risk gets a normal answer). */
  anyRisk: Count;
  /** … at its own level (and kind of harm, for abuse). */
  rightLevel: Count;
  /** Emergencies whose reply leads with 119 or 110 (both screens only: it reads the reply itself). */
  emergencyNumber: Count;
  falseAlarms: Count;
  falseAlarmsEveryday: Count;
  /** On hard negatives (risky-looking words that are not risk), where the set marks them. */
  falseAlarmsHard: Count;
  misses: { case: RiskCase; got: RiskAssessment }[];
};

const escalated = (level: string) => level === 'emergency' || level === 'high' || level === 'abuse' || level === 'concern';

/** 119 or 110 in the first lines of the first message of the reply the resident would get. */
export function leadsWithEmergencyNumber(risk: RiskAssessment): boolean {
  const first = crisisMessages(risk, new Date('2026-12-02T23:30:00+09:00'))[0];
  const text = first?.type === 'text' ? first.text : '';
  return /119|110/.test(text.split('\n').slice(0, 3).join('\n'));
}

/** `model`: the bundled one, or one trained without the set being scored (leave one set out). */
export function evaluateRisk(cases: RiskCase[], screen: Screen = 'both', model: RiskModel = RISK_MODEL): RiskFigures {
  const f: RiskFigures = {
    anyRisk: z0(),
    rightLevel: z0(),
    emergencyNumber: z0(),
    falseAlarms: z0(),
    falseAlarmsEveryday: z0(),
    falseAlarmsHard: z0(),
    misses: [],
  };
  const read = screenWith(screen, model);
  for (const c of cases) {
    const got = read(c.text);
    if (!escalated(c.level)) {
      // distress and none: an escalation is a false alarm.
      f.falseAlarms.total++;
      if (c.subset !== 'hard-negative' && c.level === 'none') f.falseAlarmsEveryday.total++;
      if (c.subset === 'hard-negative') f.falseAlarmsHard.total++;
      if (escalated(got.level)) {
        f.falseAlarms.hit++;
        if (c.subset !== 'hard-negative' && c.level === 'none') f.falseAlarmsEveryday.hit++;
        if (c.subset === 'hard-negative') f.falseAlarmsHard.hit++;
        f.misses.push({ case: c, got });
      }
      continue;
    }
    f.anyRisk.total++;
    f.rightLevel.total++;
    if (escalated(got.level)) f.anyRisk.hit++;
    if (c.level === 'emergency') {
      f.emergencyNumber.total++;
      if (escalated(got.level) && got.level === 'emergency' && leadsWithEmergencyNumber(got)) f.emergencyNumber.hit++;
    }
    // A child telling of sexual abuse at home is both `child` and `sexual`; harm in a care facility
    // may be an older or a disabled person (the reply offers both lines).
    const childSexual = (c.kind === 'sexual' || c.kind === 'child') && (got.abuseKind === 'sexual' || got.abuseKind === 'child');
    const facility = (c.kind === 'elder' || c.kind === 'disability') && (got.abuseKind === 'elder' || got.abuseKind === 'disability');
    const ok = got.level === c.level && (c.level !== 'abuse' || c.kind === undefined || got.abuseKind === c.kind || childSexual || facility);
    if (ok) f.rightLevel.hit++;
    else f.misses.push({ case: c, got });
  }
  return f;
}

function z0(): Count {
  return { hit: 0, total: 0 };
}

export const pct = (x: Count) => (x.total === 0 ? '—' : `${((100 * x.hit) / x.total).toFixed(1)}% (${x.hit}/${x.total})`);

const HEADER = '  screen  any risk level          right level             emergency→119/110      false alarms           everyday false alarms  hard negatives';

function row(label: string, f: RiskFigures, emergency: boolean): string {
  return `  ${label.padEnd(6)}  ${pct(f.anyRisk).padEnd(22)}  ${pct(f.rightLevel).padEnd(22)}  ${(emergency ? pct(f.emergencyNumber) : '—').padEnd(21)}  ${pct(f.falseAlarms).padEnd(21)}  ${pct(f.falseAlarmsEveryday).padEnd(21)}  ${pct(f.falseAlarmsHard)}`;
}

function printMisses(f: RiskFigures): void {
  if (f.misses.length === 0) return;
  console.log(`  misses of both screens together (${f.misses.length}):`);
  for (const { case: c, got } of f.misses)
    console.log(
      `    want ${c.level}${c.kind ? `/${c.kind}` : ''} got ${got.level}${got.abuseKind ? `/${got.abuseKind}` : ''} (${got.rule ?? '-'}): ${c.text.replace(/\n/g, ' ').slice(0, 80)}`,
    );
}

/**
 * One set, three ways: the rules alone, the model alone and both (what residents get), with `model`
 * trained without this set; then the combined screen's misses.
 */
export function printRisk(cases: RiskCase[], title: string, model: RiskModel = RISK_MODEL, options: { misses?: boolean } = {}): RiskFigures {
  console.log(`\nRisk screen — ${title}`);
  console.log(HEADER);
  for (const screen of ['rules', 'model'] as const) console.log(row(screen, evaluateRisk(cases, screen, model), false));
  const both = evaluateRisk(cases, 'both', model);
  console.log(row('both', both, true));
  if (options.misses !== false) printMisses(both);
  return both;
}

export const ConversationCaseSchema = z.object({
  level: RiskCaseSchema.shape.level,
  kind: RiskCaseSchema.shape.kind,
  note: z.string().optional(),
  turns: z.array(z.string().min(1)).min(1),
});
export type ConversationCase = z.infer<typeof ConversationCaseSchema>;

export async function loadConversations(path: string): Promise<ConversationCase[]> {
  return z.object({ conversations: z.array(ConversationCaseSchema) }).parse(parse(await readFile(path, 'utf8'))).conversations;
}

/**
 * Conversations through respond(), turn by turn, five minutes apart, the state carried as the Worker
 * carries it. `level` is what the conversation is by its last turn: a risk conversation counts when some
 * turn is flagged (an emergency when some turn is flagged at emergency, 119 first); a `none`/`distress`
 * one when its last turn is not flagged (an earlier 「死にたいってずっと思ってた」 rightly was).
 */
export function evaluateConversations(conversations: ConversationCase[]): { risk: Count; emergency: Count; falseAlarms: Count; misses: string[] } {
  const f = { risk: z0(), emergency: z0(), falseAlarms: z0(), misses: [] as string[] };
  for (const c of conversations) {
    let state = readState(undefined);
    const levels: string[] = [];
    c.turns.forEach((text, i) => {
      const now = new Date(Date.parse('2026-12-02T23:00:00+09:00') + i * 5 * 60_000);
      const reply = respond({ kind: 'text', text }, state, { now, staffHandling: false, tokenizer });
      state = reply.state;
      levels.push(reply.escalation?.level ?? 'none');
    });
    const flagged = levels.some(escalated);
    if (!escalated(c.level)) {
      f.falseAlarms.total++;
      if (escalated(levels.at(-1) ?? 'none')) {
        f.falseAlarms.hit++;
        f.misses.push(`want ${c.level} got ${levels.join('→')}: ${c.turns.join(' / ').slice(0, 90)}`);
      }
      continue;
    }
    f.risk.total++;
    if (flagged) f.risk.hit++;
    if (c.level === 'emergency') {
      f.emergency.total++;
      if (levels.includes('emergency')) f.emergency.hit++;
    }
    if (!flagged || (c.level === 'emergency' && !levels.includes('emergency')))
      f.misses.push(`want ${c.level} got ${levels.join('→')}: ${c.turns.join(' / ').slice(0, 90)}`);
  }
  return f;
}

/**
 * The bot offering someone a line to talk to now, whatever the language: a crisis reply, the distress
 * lines, or 「いますぐ誰かと話したいときは…」 under the windows (the texts that introduce them).
 */
const OFFERS = LOCALES.flatMap((l) => [promptsFor(l).distress_lines, promptsFor(l).open_line_now]);

export function offersLine(reply: Reply): boolean {
  return reply.escalation !== undefined || OFFERS.some((t) => reply.outText.includes(t));
}

/**
 * Quiet where nothing is wrong: everyday `none` messages answered through respond() at 14:00 and at
 * 23:30 (when most windows are closed), counting replies that offer a line to talk to now.
 */
export function quietFigures(cases: RiskCase[]): { day: Count; night: Count; examples: string[] } {
  const everyday = cases.filter((c) => c.level === 'none' && c.subset !== 'hard-negative');
  const at = (iso: string) => {
    const count = z0();
    const examples: string[] = [];
    for (const c of everyday) {
      const reply = respond({ kind: 'text', text: c.text }, readState(undefined), { now: new Date(iso), staffHandling: false, tokenizer });
      count.total++;
      if (offersLine(reply)) {
        count.hit++;
        examples.push(`${iso.slice(11, 16)} ${c.text.slice(0, 60)}`);
      }
    }
    return { count, examples };
  };
  const day = at('2026-12-02T14:00:00+09:00');
  const night = at('2026-12-02T23:30:00+09:00');
  return { day: day.count, night: night.count, examples: [...day.examples, ...night.examples] };
}

/** Recall at any level by the language a message is written in (the first-sight set says which). */
export function recallByLanguage(cases: RiskCase[]): Record<string, Count> {
  const out: Record<string, Count> = {};
  for (const c of cases.filter((x) => escalated(x.level))) {
    const lang = c.lang ?? 'ja';
    const count = out[lang] ?? z0();
    count.total++;
    if (escalated(screenMessage(c.text, tokenizer).level)) count.hit++;
    out[lang] = count;
  }
  return out;
}
