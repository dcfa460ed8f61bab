// Per-message CPU time of the pipeline (risk screen, analysis, search, compose: the pure respond()),
// measured in-process in Node over every message of the evaluation sets (test/eval/*.yaml).
import { readdir, readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Logger } from '../src/core/log';
import { respondContext } from '../src/pipeline/context';
import { respond } from '../src/pipeline/respond';
import { readState } from '../src/pipeline/state';
import { screenMessage } from '../src/risk/screen';
import { stats, type Stats } from './stats';

export type CpuFigures = {
  messages: number;
  runs: number;
  firstCallMs: number;
  contextMs: number;
  cpuMs: Stats;
  wallMs: Stats;
  /** The risk screen alone (rules and the learned model, with the analyser), per message. */
  screenMs: Stats;
};

const EVAL_DIR = new URL('../test/eval/', import.meta.url);

/** Every `text` in the evaluation sets: what residents write (the sets' other fields are labels). */
export async function evalTexts(): Promise<string[]> {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  for (const file of (await readdir(EVAL_DIR)).filter((f) => f.endsWith('.yaml')).sort()) walk(parse(await readFile(new URL(file, EVAL_DIR), 'utf8')));
  return texts;
}

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: (msg, fields) => console.error('bench:', msg, fields) };

/** Runs every eval message `runs` times after one warm-up pass; CPU from process.cpuUsage (user + system). */
export async function measurePipelineCpu(runs = 3): Promise<CpuFigures> {
  const texts = await evalTexts();
  if (texts.length === 0) throw new Error('bench: no messages found in test/eval/*.yaml');
  const clock = () => new Date('2026-11-25T10:30:00+09:00'); // a weekday morning: windows open, full answers
  const contextStarted = performance.now();
  const base = await respondContext(clock, quiet);
  const contextMs = performance.now() - contextStarted;
  const ctx = { ...base, staffHandling: false };
  const state = readState(undefined);

  const firstStarted = performance.now();
  await respond({ kind: 'text', text: texts[0] ?? '' }, state, ctx);
  const firstCallMs = performance.now() - firstStarted;
  for (const text of texts) await respond({ kind: 'text', text }, state, ctx); // warm-up: JIT, lazy indexes

  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const text of texts) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      await respond({ kind: 'text', text }, state, ctx);
      const w1 = performance.now();
      const c1 = process.cpuUsage(c0);
      wall.push(w1 - w0);
      cpu.push((c1.user + c1.system) / 1000);
    }
  }
  const screen: number[] = [];
  for (const text of texts) {
    const c0 = process.cpuUsage();
    screenMessage(text, base.tokenizer);
    const c1 = process.cpuUsage(c0);
    screen.push((c1.user + c1.system) / 1000);
  }
  return { messages: texts.length, runs, firstCallMs, contextMs, cpuMs: stats(cpu), wallMs: stats(wall), screenMs: stats(screen) };
}
