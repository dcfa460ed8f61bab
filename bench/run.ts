// `npm run bench`: builds, starts the fake LINE API and the bot (wrangler dev) on loopback, measures, prints
// a table and writes it to bench/results.md. Figures, not pass/fail; bounded request counts; stops by itself.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFakeLine, type ServedFake } from '../test/support/serve-fake-line';
import { postEvents, processMemoryMb, startBot, type Bot } from '../test/support/start-bot';
import { events } from '../test/support/webhook';
import { measurePipelineCpu, stats, type CpuFigures, type Stats } from './pipeline-cpu';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The whole run is cut off after this, whatever happens (a hung wrangler must not hang CI). */
const RUN_LIMIT_MS = 10 * 60 * 1000;
/** Requests per concurrency level: enough for a p99, few enough to finish in about a minute. */
const LEVELS = [
  { concurrency: 1, requests: 200 },
  { concurrency: 10, requests: 500 },
  { concurrency: 50, requests: 1000 },
] as const;
const TEXTS = ['来月の家賃が払えない', '粗大ごみの出し方を教えて', '子育てがしんどい', '保育園に入りたい', '介護保険の申請をしたい', '死にたい', 'こんにちは', '近所の騒音がひどい'];

type LevelFigures = { concurrency: number; requests: number; non2xx: number; unanswered: number; ackMs: Stats; replyMs: Stats; ackPerSec: number; answeredPerSec: number };
type ColdFigures = { startMs: number; ackMs: number; replyMs: number };
type Memory = { pid: number; rssMb: number; peakMb: number }[];

function run(cmd: string, args: string[], opts: { capture?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', opts.capture ? 'pipe' : 'inherit', opts.capture ? 'pipe' : 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' } });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`bench: ${cmd} ${args.join(' ')} exited ${code}\n${out.slice(-3000)}`))));
  });
}

async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      const task = tasks[i];
      if (task !== undefined) results[i] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}

const tokenOf = (body: unknown) => (body as { replyToken?: string }).replyToken ?? '';

/** Sends `requests` one-event webhooks at `concurrency`; times each ack and the reply call the fake saw. */
async function measureLevel(bot: Bot, served: ServedFake, concurrency: number, requests: number, label: string): Promise<LevelFigures> {
  const fake = served.reset();
  const list = Array.from({ length: requests }, (_, i) => events.text(TEXTS[i % TEXTS.length] ?? '', { userId: `Ubench${label}${String(i % 100).padStart(3, '0')}` }));
  const sentAt = new Map<string, number>();
  const started = performance.now();
  const startedEpoch = Date.now();
  const acks = await pool(
    list.map((e) => async () => {
      sentAt.set(e.replyToken, Date.now());
      return postEvents(bot, [e]);
    }),
    concurrency,
  );
  const ackSeconds = (performance.now() - started) / 1000;
  const want = new Set(list.map((e) => e.replyToken));
  const answered = () => fake.calls.filter((c) => c.endpoint === 'reply' && c.status === 200 && want.has(tokenOf(c.body)));
  await fake.waitFor(() => answered().length >= want.size, 120_000).catch(() => undefined);
  const replies = answered();
  const lastReply = Math.max(...replies.map((c) => c.at));
  return {
    concurrency,
    requests,
    non2xx: acks.filter((a) => a.status < 200 || a.status >= 300).length,
    unanswered: want.size - replies.length,
    ackMs: stats(acks.map((a) => a.ms)),
    replyMs: stats(replies.map((c) => c.at - (sentAt.get(tokenOf(c.body)) ?? c.at))),
    ackPerSec: requests / ackSeconds,
    answeredPerSec: replies.length / ((lastReply - startedEpoch) / 1000),
  };
}

async function memory(bot: Bot): Promise<Memory> {
  const out: Memory = [];
  for (const pid of await bot.workerdPids()) out.push({ pid, ...(await processMemoryMb(pid)) });
  return out.sort((a, b) => b.rssMb - a.rssMb);
}

async function bundleSize(): Promise<{ total: string; gzip: string; gzipMiB: number }> {
  const outdir = await mkdtemp(join(tmpdir(), 'navi-bundle-'));
  try {
    const out = await run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], { capture: true });
    const match = /Total Upload:\s*([\d.]+\s*\w+)\s*\/\s*gzip:\s*([\d.]+\s*\w+)/.exec(out);
    if (match === null) throw new Error(`bench: no "Total Upload" line in wrangler deploy --dry-run output:\n${out.slice(-2000)}`);
    const gzip = match[2] ?? '';
    const [value, unit] = gzip.split(/\s+/);
    const factor = unit === 'KiB' ? 1 / 1024 : unit === 'MiB' ? 1 : unit === 'B' ? 1 / 1024 / 1024 : NaN;
    return { total: match[1] ?? '', gzip, gzipMiB: Number(value) * factor };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

function table(levels: LevelFigures[], cold: ColdFigures, warmMem: Memory, loadedMem: Memory, cpu: CpuFigures, bundle: { total: string; gzip: string; gzipMiB: number }): string {
  const rows: [string, string, string][] = [];
  const c1 = levels[0];
  if (c1 !== undefined) {
    rows.push(['webhook ack latency p50 / p95 / p99 (concurrency 1)', `${f(c1.ackMs.p50)} / ${f(c1.ackMs.p95)} / ${f(c1.ackMs.p99)} ms`, 'p95 ≤ 50 ms']);
    rows.push(['webhook → reply call at the fake p50 / p95 (concurrency 1)', `${f(c1.replyMs.p50)} / ${f(c1.replyMs.p95)} ms`, '']);
  }
  for (const l of levels) {
    rows.push([
      `throughput at concurrency ${l.concurrency} (${l.requests} events)`,
      `${f(l.answeredPerSec)} events/s answered (acks ${f(l.ackPerSec)}/s); ack p50/p95/p99 ${f(l.ackMs.p50)} / ${f(l.ackMs.p95)} / ${f(l.ackMs.p99)} ms; reply p50/p95 ${f(l.replyMs.p50)} / ${f(l.replyMs.p95)} ms${l.non2xx + l.unanswered > 0 ? `; ${l.non2xx} non-2xx, ${l.unanswered} unanswered` : ''}`,
      l.concurrency === 50 ? 'ack < 2 s (LINE)' : '',
    ]);
  }
  rows.push([
    `pipeline CPU per message, in-process Node (${cpu.messages} eval messages × ${cpu.runs})`,
    `p50 ${f(cpu.cpuMs.p50, 2)} / p95 ${f(cpu.cpuMs.p95, 2)} / p99 ${f(cpu.cpuMs.p99, 2)} / max ${f(cpu.cpuMs.max, 2)} ms (wall p99 ${f(cpu.wallMs.p99, 2)} ms)`,
    'p99 ≤ 10 ms',
  ]);
  rows.push(['pipeline first call / context (tokenizer) load, in-process', `${f(cpu.firstCallMs)} ms / ${f(cpu.contextMs)} ms`, '']);
  rows.push(['cold start: spawn → /healthz; first webhook ack; first webhook → reply', `${f(cold.startMs, 0)} ms; ${f(cold.ackMs)} ms; ${f(cold.replyMs)} ms`, '']);
  const mem = (m: Memory) => m.map((p) => `${f(p.rssMb)} MB`).join(' + ') || '–';
  rows.push(['memory: workerd process RSS (VmRSS) after warm-up / after the load', `${mem(warmMem)} / ${mem(loadedMem)} (peak ${f(loadedMem[0]?.peakMb ?? NaN)} MB)`, '≪ 128 MB']);
  rows.push(['bundle (wrangler deploy --dry-run)', `${bundle.total} / gzip ${bundle.gzip}`, '≤ 3 MiB gzip']);
  const lines = ['| measure | figure | budget |', '|---|---|---|', ...rows.map(([a, b, c]) => `| ${a} | ${b} | ${c} |`)];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const loadAtStart = loadavg();
  console.log('bench: building (scripts/build.ts)');
  await run('npx', ['tsx', 'scripts/build.ts']);

  console.log('bench: pipeline CPU in-process over test/eval/*.yaml');
  const cpu = await measurePipelineCpu(3);

  console.log('bench: bundle size (wrangler deploy --dry-run)');
  const bundle = await bundleSize();

  console.log('bench: starting the fake LINE API and the bot (wrangler dev)');
  const served = await serveFakeLine();
  let bot: Bot | undefined;
  const cleanup = async () => {
    await bot?.stop();
    await served.close();
  };
  const limit = setTimeout(() => {
    console.error(`bench: run limit of ${RUN_LIMIT_MS / 1000} s reached; stopping`);
    void cleanup().finally(() => process.exit(1));
  }, RUN_LIMIT_MS);
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    bot = await startBot({ lineApiBaseUrl: served.url });
    const firstEvent = events.text('来月の家賃が払えない', { userId: 'Ubenchcold' });
    const firstSent = Date.now();
    const firstAck = await postEvents(bot, [firstEvent]);
    await served.fake.waitFor((calls) => calls.some((c) => c.endpoint === 'reply'), 60_000);
    const cold: ColdFigures = { startMs: bot.startedInMs, ackMs: firstAck.ms, replyMs: (served.fake.calls.find((c) => c.endpoint === 'reply')?.at ?? NaN) - firstSent };

    console.log('bench: warm-up (100 events)');
    await measureLevel(bot, served, 10, 100, 'warm');
    const warmMem = await memory(bot);

    const levels: LevelFigures[] = [];
    for (const { concurrency, requests } of LEVELS) {
      console.log(`bench: ${requests} events at concurrency ${concurrency}`);
      levels.push(await measureLevel(bot, served, concurrency, requests, `c${concurrency}`));
    }
    const loadedMem = await memory(bot);

    const wranglerVersion = (await run('npx', ['wrangler', '--version'], { capture: true })).match(/\d+\.\d+\.\d+/)?.[0] ?? '?';
    const cpuInfo = cpus();
    const machine = `${cpuInfo.length} × ${cpuInfo[0]?.model ?? 'unknown CPU'}, ${f(totalmem() / 1024 ** 3, 0)} GB RAM, ${process.platform}, Node ${process.version}, wrangler ${wranglerVersion}; load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`;
    const text = table(levels, cold, warmMem, loadedMem, cpu, bundle);
    const date = new Date().toISOString();
    console.log(`\n${text}\n\n${date} — ${machine}`);
    await writeFile(
      new URL('./results.md', import.meta.url),
      `# Benchmark: last run\n\nWritten by \`npm run bench\` (bench/run.ts). Figures, not pass/fail: compare runs on the same machine.\n\n- date: ${date}\n- machine: ${machine}\n- bot: \`wrangler dev\` on 127.0.0.1, local D1 in a fresh --persist-to dir, a fake LINE API (node:http) on loopback; one event per webhook; memory is the workerd process RSS from /proc (the runtime included, not the isolate heap alone)\n\n${text}\n`,
    );
    console.log('bench: wrote bench/results.md');
  } finally {
    clearTimeout(limit);
    await cleanup();
  }
}

await main();
