// `npm run bench`: builds, starts the fake LINE API and the bot (wrangler dev) on loopback, measures, prints
// a table and writes it to bench/results.md. Figures, not pass/fail; bounded request counts; stops by itself.
import { pool } from '../test/support/pool';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFakeLine, type ServedFake } from '../test/support/serve-fake-line';
import { freePort, postEvents, processMemoryMb, startBot, type Bot } from '../test/support/start-bot';
import { events } from '../test/support/webhook';
import type { CpuFigures } from './pipeline-cpu';
import { stats, type Stats } from './stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The whole run is cut off after this, whatever happens (a hung wrangler must not hang CI). */
const RUN_LIMIT_MS = 10 * 60 * 1000;
/**
 * Requests per concurrency level, the same for the echo bot and the bot: enough for a p95. With the
 * 300-message warm-up the bot has handled 1,000 messages after the second level and 2,000 after the third
 * (its isolate's memory is read at both).
 */
const WARM_UP = 300;
const LEVELS = [
  { concurrency: 1, requests: 200 },
  { concurrency: 10, requests: 500 },
  { concurrency: 50, requests: 1000 },
] as const;
const TEXTS = [
  '来月の家賃が払えない',
  '粗大ごみの出し方を教えて',
  '子育てがしんどい',
  '保育園に入りたい',
  '介護保険の申請をしたい',
  '死にたい',
  'こんにちは',
  '近所の騒音がひどい',
];

type LevelFigures = {
  concurrency: number;
  requests: number;
  non2xx: number;
  unanswered: number;
  ackMs: Stats;
  replyMs: Stats;
  ackPerSec: number;
  answeredPerSec: number;
  workerCpuMsPerEvent: number;
  runtimeRestarted: boolean;
};
type ColdFigures = { startMs: number; ackMs: number; replyMs: number };
type Memory = { pid: number; role: 'worker' | 'proxy'; rssMb: number; peakMb: number }[];
/** V8's own figures for the Worker's isolate (Runtime.getHeapUsage over the inspector), in MB. */
type Heap = { usedMb: number; totalMb: number; backingMb: number };

/**
 * Asks the isolate for its heap over wrangler dev's inspector (Chrome DevTools protocol), connecting only
 * to ask: a connected DevTools client halves the bot's throughput (wrangler's inspector proxy forwards
 * an event per D1 query; measured: 130 → 67 messages/s at concurrency 10), and the echo bot has none.
 * On connecting, the proxy replays the events it kept meanwhile; replies to our request are told apart by
 * their id. Node 20 has WebSocket only behind a flag, so a child process does the talking; the proxy wants
 * a local Origin header.
 */
class HeapProbe {
  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
    private readonly lines: AsyncIterator<string>,
  ) {}

  private static async connect(inspectorPort: number): Promise<HeapProbe | undefined> {
    try {
      const targets: unknown = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
      const url = Array.isArray(targets) ? Reflect.get(Object(targets[0]), 'webSocketDebuggerUrl') : undefined;
      if (typeof url !== 'string') return undefined;
      const js = `const ws=new WebSocket(process.argv[1],{headers:{Origin:'http://127.0.0.1'}});let n=1;ws.onopen=()=>console.log('ready');process.stdin.on('data',()=>ws.send(JSON.stringify({id:n++,method:'Runtime.getHeapUsage'})));ws.onmessage=(m)=>{const s=String(m.data);if(!s.startsWith('{"id"'))return;const d=JSON.parse(s);if(d.result&&'usedSize' in d.result)console.log(JSON.stringify(d.result))};ws.onerror=()=>process.exit(3);ws.onclose=()=>process.exit(0);`;
      const child = spawn(process.execPath, ['--experimental-websocket', '-e', js, url], { stdio: ['pipe', 'pipe', 'inherit'] });
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const probe = new HeapProbe(child, lines);
      if ((await probe.next(30_000)) !== 'ready') throw new Error('bench: the inspector did not accept the connection');
      return probe;
    } catch (error) {
      console.error('bench: could not connect to the inspector:', error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  private async next(timeoutMs: number): Promise<string | undefined> {
    const timeout = new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs).unref());
    const line = await Promise.race([this.lines.next().then((l) => (l.done === true ? undefined : l.value)), timeout]);
    return line;
  }

  /** Connects, asks once, disconnects. */
  static async read(inspectorPort: number): Promise<Heap | undefined> {
    const probe = await HeapProbe.connect(inspectorPort);
    try {
      return await probe?.heap();
    } finally {
      probe?.stop();
    }
  }

  async heap(): Promise<Heap | undefined> {
    this.child.stdin.write('heap\n');
    const line = await this.next(60_000);
    if (line === undefined) return undefined;
    const r = JSON.parse(line) as { usedSize?: number; totalSize?: number; backingStorageSize?: number };
    const mb = (n: number | undefined) => (n ?? NaN) / 1024 / 1024;
    return { usedMb: mb(r.usedSize), totalMb: mb(r.totalSize), backingMb: mb(r.backingStorageSize) };
  }

  stop(): void {
    this.child.kill();
  }
}

function run(cmd: string, args: string[], opts: { capture?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: ['ignore', opts.capture ? 'pipe' : 'inherit', opts.capture ? 'pipe' : 'inherit'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`bench: ${cmd} ${args.join(' ')} exited ${code}\n${out.slice(-3000)}`))));
  });
}

const tokenOf = (body: unknown) => (body as { replyToken?: string }).replyToken ?? '';

/** Sends `requests` one-event webhooks at `concurrency`; times each ack and the reply call the fake saw. */
async function measureLevel(bot: Bot, served: ServedFake, concurrency: number, requests: number, label: string): Promise<LevelFigures> {
  const fake = served.reset();
  const workerPid = (await processes(bot)).find((p) => p.role === 'worker')?.pid;
  const cpuBefore = workerPid === undefined ? NaN : await cpuMs(workerPid);
  const list = Array.from({ length: requests }, (_, i) =>
    events.text(TEXTS[i % TEXTS.length] ?? '', { userId: `Ubench${label}${String(i % 100).padStart(3, '0')}` }),
  );
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
  const cpuAfter = workerPid === undefined ? NaN : await cpuMs(workerPid);
  const workerAfter = (await processes(bot)).find((p) => p.role === 'worker')?.pid;
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
    workerCpuMsPerEvent: (cpuAfter - cpuBefore) / requests,
    runtimeRestarted: workerAfter !== workerPid,
  };
}

/**
 * wrangler dev runs two workerd processes: one serves the port we post to (wrangler's proxy and
 * inspector-proxy Workers), the other runs the bot's Worker and local D1. `ss` tells them apart.
 */
async function processes(bot: Bot): Promise<{ pid: number; role: 'worker' | 'proxy' }[]> {
  const pids = await bot.workerdPids();
  const listening = await run('ss', ['-ltnpH'], { capture: true }).catch(() => '');
  const proxyPid = listening
    .split('\n')
    .filter((line) => line.includes(`:${bot.port} `))
    .map((line) => Number(/pid=(\d+)/.exec(line)?.[1]))
    .find((pid) => pids.includes(pid));
  return pids.map((pid) => ({ pid, role: pid === proxyPid ? 'proxy' : 'worker' }));
}

/** User + system CPU time of a process so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  // NaN when the process is gone: wrangler dev replaced its runtime (counted as a restart).
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (stat === '') return NaN;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function memory(bot: Bot): Promise<Memory> {
  const out: Memory = [];
  for (const p of await processes(bot)) out.push({ ...p, ...(await processMemoryMb(p.pid)) });
  return out.sort((a, b) => (a.role === b.role ? 0 : a.role === 'worker' ? -1 : 1));
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
const ratio = (bot: number, echo: number) => (Number.isFinite(bot) && Number.isFinite(echo) && echo > 0 ? `${(bot / echo).toFixed(2)}×` : '–');

/**
 * Start-up of the Worker's isolate as workerd runs it: `wrangler check startup` profiles the global scope
 * of the deployed bundle (prompts, knowledge, indexes, the risk model, the tokenizer); the CPU is every
 * sample that is not idle.
 */
async function startupCpuMs(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'navi-startup-'));
  try {
    const file = join(dir, 'startup.cpuprofile');
    await run('npx', ['wrangler', 'check', 'startup', '--outfile', file], { capture: true });
    const profile: unknown = JSON.parse(await readFile(file, 'utf8'));
    const nodes: unknown = Reflect.get(Object(profile), 'nodes');
    const samples: unknown = Reflect.get(Object(profile), 'samples');
    const deltas: unknown = Reflect.get(Object(profile), 'timeDeltas');
    if (!Array.isArray(nodes) || !Array.isArray(samples) || !Array.isArray(deltas)) return NaN;
    const idle = new Set(
      nodes.filter((n) => Reflect.get(Object(Reflect.get(Object(n), 'callFrame')), 'functionName') === '(idle)').map((n) => Reflect.get(Object(n), 'id')),
    );
    let micros = 0;
    samples.forEach((id, i) => {
      if (!idle.has(id)) micros += Number(deltas[i] ?? 0);
    });
    return micros / 1000;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Side = { echo: LevelFigures; bot: LevelFigures };

function table(
  sides: Side[],
  cold: ColdFigures,
  heaps: { at1000: Heap | undefined; at2000: Heap | undefined },
  loadedMem: Memory,
  cpu: CpuFigures,
  bundle: { total: string; gzip: string; gzipMiB: number },
  startupMs: number,
): string {
  const rows: [string, string, string, string][] = [];
  for (const { echo, bot } of sides) {
    const c = `concurrency ${bot.concurrency} (${bot.requests} messages)`;
    rows.push([
      `ack p50 / p95, ${c}`,
      `${f(bot.ackMs.p50)} / ${f(bot.ackMs.p95)} ms`,
      `${f(echo.ackMs.p50)} / ${f(echo.ackMs.p95)} ms`,
      `${ratio(bot.ackMs.p50, echo.ackMs.p50)} / **${ratio(bot.ackMs.p95, echo.ackMs.p95)}**${bot.concurrency === 10 ? ' (goal ≤ 1.3× at p95)' : ''}`,
    ]);
    rows.push([
      `reply p50 / p95 (webhook → reply call at the fake), ${c}`,
      `${f(bot.replyMs.p50)} / ${f(bot.replyMs.p95)} ms`,
      `${f(echo.replyMs.p50)} / ${f(echo.replyMs.p95)} ms`,
      `${ratio(bot.replyMs.p50, echo.replyMs.p50)} / **${ratio(bot.replyMs.p95, echo.replyMs.p95)}**${bot.concurrency === 10 ? ' (goal ≤ 1.5× at p95)' : ''}`,
    ]);
    const trouble = (l: LevelFigures) =>
      `${l.non2xx + l.unanswered > 0 ? `; ${l.non2xx} non-2xx, ${l.unanswered} unanswered` : ''}${l.runtimeRestarted ? '; wrangler dev replaced its runtime' : ''}`;
    rows.push([
      `throughput (answered / s), ${c}`,
      `${f(bot.answeredPerSec)} (workerd CPU ${f(bot.workerCpuMsPerEvent)} ms/message)${trouble(bot)}`,
      `${f(echo.answeredPerSec)} (${f(echo.workerCpuMsPerEvent)} ms/message)${trouble(echo)}`,
      `**${ratio(bot.answeredPerSec, echo.answeredPerSec)}**${bot.concurrency === 10 ? ' (goal ≥ 0.7×)' : ''}`,
    ]);
  }
  const lines = ['| measure | bot | echo bot | bot ÷ echo |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)];
  const heap = (h: Heap | undefined) => (h === undefined ? '–' : `${f(h.usedMb)} MB used (${f(h.totalMb)} heap + ${f(h.backingMb)} array buffers)`);
  const growth = heaps.at1000 !== undefined && heaps.at2000 !== undefined ? ((heaps.at2000.usedMb - heaps.at1000.usedMb) / heaps.at1000.usedMb) * 100 : NaN;
  const own: [string, string, string][] = [
    [
      `pipeline CPU per message, in-process (respond() over every eval message × ${cpu.runs})`,
      `p50 ${f(cpu.cpuMs.p50, 2)} / p95 ${f(cpu.cpuMs.p95, 2)} / p99 ${f(cpu.cpuMs.p99, 2)} / max ${f(cpu.cpuMs.max, 2)} ms`,
      'p99 ≤ 10 ms',
    ],
    [
      'the risk screen alone per message, in-process (rules + model, with the analyser)',
      `p50 ${f(cpu.screenMs.p50, 2)} / p99 ${f(cpu.screenMs.p99, 2)} ms`,
      'well under 1 ms',
    ],
    ["start-up: the isolate's global scope (wrangler check startup, CPU)", `${f(startupMs, 0)} ms`, '≤ 200 ms'],
    [
      "memory of the bot's isolate after 1,000 / 2,000 messages (V8 heap)",
      `${heap(heaps.at1000)} / ${heap(heaps.at2000)}: ${Number.isFinite(growth) ? `${growth >= 0 ? '+' : ''}${f(growth)}%` : '–'}`,
      'flat within 10%',
    ],
    [
      "memory: RSS of the bot's workerd process (runtime, local D1, isolate) after the load / peak",
      `${f(loadedMem.find((p) => p.role === 'worker')?.rssMb ?? NaN)} / ${f(loadedMem.find((p) => p.role === 'worker')?.peakMb ?? NaN)} MB`,
      '',
    ],
    ['cold start: spawn → /healthz; first webhook → reply', `${f(cold.startMs, 0)} ms; ${f(cold.replyMs)} ms`, ''],
    ['bundle (wrangler deploy --dry-run)', `${bundle.total} / gzip ${bundle.gzip}`, '≤ 3 MiB gzip (64 MiB limit)'],
  ];
  lines.push('', '| the bot alone | figure | goal |', '|---|---|---|', ...own.map((r) => `| ${r.join(' | ')} |`));
  return lines.join('\n');
}

async function main(): Promise<void> {
  const loadAtStart = loadavg();
  console.log('bench: building (scripts/build.ts)');
  await run('npx', ['tsx', 'scripts/build.ts']);

  console.log('bench: pipeline CPU in-process over test/eval/*.yaml');
  // Imported after the build: respond() reads src/generated/ when its modules load.
  const { measurePipelineCpu } = await import('./pipeline-cpu');
  const cpu = await measurePipelineCpu(3);

  console.log('bench: bundle size (wrangler deploy --dry-run) and start-up (wrangler check startup)');
  const bundle = await bundleSize();
  const startupMs = await startupCpuMs();

  console.log('bench: starting the fake LINE API, the echo bot and the bot (wrangler dev, the same way)');
  const served = await serveFakeLine();
  let bot: Bot | undefined;
  let echo: Bot | undefined;
  const cleanup = async () => {
    await bot?.stop();
    await echo?.stop();
    await served.close();
  };
  const limit = setTimeout(() => {
    console.error(`bench: run limit of ${RUN_LIMIT_MS / 1000} s reached; stopping`);
    void cleanup().finally(() => process.exit(1));
  }, RUN_LIMIT_MS);
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    const inspectorPort = await freePort();
    echo = await startBot({ lineApiBaseUrl: served.url, config: 'bench/echo/wrangler.toml' });
    bot = await startBot({ lineApiBaseUrl: served.url, extraArgs: ['--inspector-port', String(inspectorPort)] });
    const firstEvent = events.text('来月の家賃が払えない', { userId: 'Ubenchcold' });
    const firstSent = Date.now();
    const firstAck = await postEvents(bot, [firstEvent]);
    await served.fake.waitFor((calls) => calls.some((c) => c.endpoint === 'reply'), 60_000);
    const cold: ColdFigures = {
      startMs: bot.startedInMs,
      ackMs: firstAck.ms,
      replyMs: (served.fake.calls.find((c) => c.endpoint === 'reply')?.at ?? NaN) - firstSent,
    };

    console.log(`bench: warm-up (${WARM_UP} messages each)`);
    await measureLevel(echo, served, 10, WARM_UP, 'warm');
    await measureLevel(bot, served, 10, WARM_UP, 'warm');

    const sides: Side[] = [];
    const heaps: { at1000: Heap | undefined; at2000: Heap | undefined } = { at1000: undefined, at2000: undefined };
    let handled = WARM_UP;
    for (const { concurrency, requests } of LEVELS) {
      console.log(`bench: ${requests} messages at concurrency ${concurrency}, echo bot then bot`);
      const echoFigures = await measureLevel(echo, served, concurrency, requests, `e${concurrency}`);
      const botFigures = await measureLevel(bot, served, concurrency, requests, `c${concurrency}`);
      sides.push({ echo: echoFigures, bot: botFigures });
      handled += requests;
      if (handled === 1000) heaps.at1000 = await HeapProbe.read(inspectorPort);
      if (handled === 2000) heaps.at2000 = await HeapProbe.read(inspectorPort);
    }
    const loadedMem = await memory(bot);

    const wranglerVersion = (await run('npx', ['wrangler', '--version'], { capture: true })).match(/\d+\.\d+\.\d+/)?.[0] ?? '?';
    const cpuInfo = cpus();
    const machine = `${cpuInfo.length} × ${cpuInfo[0]?.model ?? 'unknown CPU'}, ${f(totalmem() / 1024 ** 3, 0)} GB RAM, ${process.platform}, Node ${process.version}, wrangler ${wranglerVersion}; load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`;
    const text = table(sides, cold, heaps, loadedMem, cpu, bundle, startupMs);
    const date = new Date().toISOString();
    console.log(`\n${text}\n\n${date} — ${machine}`);
    await writeFile(
      new URL('./results.md', import.meta.url),
      `# Benchmark: last run\n\nWritten by \`npm run bench\` (bench/run.ts). Figures, not pass/fail. The headline is the ratio to a bare echo bot (bench/echo/) measured in the same run on the same runtime and machine; absolute times on this shared machine are not.\n\n- date: ${date}\n- machine: ${machine}\n- both bots: \`wrangler dev\` on 127.0.0.1 (the bot with local D1 in a fresh --persist-to dir), one fake LINE API (node:http) on loopback; one message per webhook from 100 residents per level, a closed loop per lane; the echo bot then the bot at each level. The isolate's memory is V8's Runtime.getHeapUsage over wrangler dev's inspector; process memory is VmRSS from /proc.\n\n${text}\n`,
    );
    console.log('bench: wrote bench/results.md');
  } finally {
    clearTimeout(limit);
    // wrangler's own log, for when a figure looks wrong (bench/.tmp is git-ignored).
    if (bot !== undefined)
      await mkdir(new URL('./.tmp/', import.meta.url), { recursive: true }).then(() =>
        writeFile(new URL('./.tmp/bench-bot-output.log', import.meta.url), bot?.output() ?? ''),
      );
    await cleanup();
  }
}

await main();
