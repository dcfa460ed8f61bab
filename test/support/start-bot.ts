// Starts the bot as the run contract says (`npx wrangler dev` on loopback, fresh --persist-to, vars
// on the command line) in its own process group, waits for /healthz, and stops the whole group.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signBody } from '../../src/verify/verify-signature';
import { webhookBody } from './webhook';

export const BOT_SECRET = 'load-test-channel-secret';
export const BOT_ACCESS_TOKEN = 'load-test-access-token';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type BotOptions = {
  /** Where the bot's LINE API calls go (the served fake). */
  lineApiBaseUrl: string;
  /** Fixes the clock (ISO 8601 with offset). */
  now?: string;
  /** Extra --var KEY:VALUE pairs. */
  vars?: Record<string, string>;
  /** Reuse a persist dir (default: a fresh temp dir, removed by stop()). */
  persistTo?: string;
  startTimeoutMs?: number;
  /** More wrangler dev arguments (e.g. --log-level debug). */
  extraArgs?: string[];
  /**
   * Run wrangler dev on a copy of the working tree taken now (default true). wrangler dev watches its
   * sources and reloads the runtime when a file changes; with others editing src/ at the same time, a
   * reload in the middle of a load run would drop in-flight work and measure the edit, not the bot.
   */
  snapshot?: boolean;
  /** Another wrangler config than the bot's (the bench's echo bot: bench/echo/wrangler.toml). */
  config?: string;
};

export type Bot = {
  url: string;
  port: number;
  persistTo: string;
  pid: number;
  /** Time from spawn until /healthz answered. */
  startedInMs: number;
  /** Everything wrangler printed so far (stdout and stderr, interleaved). */
  output: () => string;
  /** Pids of the workerd processes in the bot's process group. */
  workerdPids: () => Promise<number[]>;
  /** Stops the process group; `keepState` leaves the persist dir for wrangler d1 execute. */
  stop: (opts?: { keepState?: boolean }) => Promise<void>;
};

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function startBot(options: BotOptions): Promise<Bot> {
  const port = await freePort();
  const ownsPersist = options.persistTo === undefined;
  const persistTo = options.persistTo ?? (await mkdtemp(join(tmpdir(), 'navi-bot-')));
  const vars: Record<string, string> = {
    LINE_CHANNEL_SECRET: BOT_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: BOT_ACCESS_TOKEN,
    LINE_API_BASE_URL: options.lineApiBaseUrl,
    ...(options.now === undefined ? {} : { NOW: options.now }),
    ...options.vars,
  };
  const cwd = options.snapshot === false ? ROOT : await snapshotTree(persistTo);
  const args = ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persistTo, '--show-interactive-dev-session=false'];
  if (options.config !== undefined) args.push('--config', options.config);
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  args.push(...(options.extraArgs ?? []));

  // Chunks, not one growing string: a long load run logs megabytes, and re-slicing a big string on every
  // chunk would busy the test process that also serves the fake LINE API.
  const chunks: string[] = [];
  let kept = 0;
  const output = () => chunks.join('');
  const started = performance.now();
  const child = spawn('npx', args, {
    cwd,
    // Own process group: stop() kills wrangler, esbuild and workerd together.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const append = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    chunks.push(text);
    kept += text.length;
    // Bounded: only the tail helps when something breaks.
    while (kept > 4_000_000 && chunks.length > 1) kept -= chunks.shift()?.length ?? 0;
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const pid = child.pid;
  if (pid === undefined) throw new Error('start-bot: could not spawn npx wrangler dev');

  const stop = async (opts: { keepState?: boolean } = {}) => {
    await killGroup(child, pid, exited);
    if (cwd !== ROOT) await rm(cwd, { recursive: true, force: true });
    if (ownsPersist && opts.keepState !== true) await rm(persistTo, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) {
      await stop();
      throw new Error(`start-bot: wrangler dev exited (${exitCode}) before /healthz answered:\n${output().slice(-4000)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`start-bot: /healthz did not answer within ${options.startTimeoutMs ?? 90_000} ms:\n${output().slice(-4000)}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, persistTo, pid, startedInMs: performance.now() - started, output, workerdPids: () => groupPids(pid, 'workerd'), stop };
}

/** Copies what wrangler dev builds from (src/ with src/generated/, config) next to the persist dir; node_modules is linked. */
async function snapshotTree(persistTo: string): Promise<string> {
  const dir = `${persistTo.replace(/\/+$/, '')}-src`;
  await rm(dir, { recursive: true, force: true });
  for (const entry of ['src', 'bench/echo', 'wrangler.toml', 'tsconfig.json', 'package.json'])
    await cp(join(ROOT, entry), join(dir, entry), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

async function killGroup(child: ChildProcess, pid: number, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    // wrangler itself is gone, but workerd may linger in the group.
    signalGroup(pid, 'SIGKILL');
    return;
  }
  signalGroup(pid, 'SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 5_000))]);
  // Whatever is left in the group (workerd when wrangler did not wait for it) goes too.
  signalGroup(pid, 'SIGKILL');
  if (timedOut) await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Processes whose process group is `pgid` (from /proc, Linux only) and whose command name contains `name`. */
async function groupPids(pgid: number, name: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command: state ppid pgrp …
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      if (Number(fields[2]) === pgid && comm.includes(name)) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** VmRSS and VmHWM of a process in MB, from /proc/<pid>/status. */
export async function processMemoryMb(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * Runs SQL against the bot's local D1 through `wrangler d1 execute --local --persist-to` (safest after
 * stop(); SQLite allows it while running too). Returns the rows of the last statement.
 */
export async function queryD1<T>(persistTo: string, sql: string): Promise<T[]> {
  const child = spawn('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--command', sql, '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`start-bot: wrangler d1 execute failed (${code}): ${err.slice(-2000)}${out.slice(-2000)}`);
  const parsed: unknown = JSON.parse(out.slice(out.indexOf('[')));
  if (!Array.isArray(parsed)) throw new Error(`start-bot: unexpected d1 execute output: ${out.slice(0, 500)}`);
  const last: unknown = parsed[parsed.length - 1];
  const results = typeof last === 'object' && last !== null ? Reflect.get(last, 'results') : undefined;
  if (!Array.isArray(results)) throw new Error(`start-bot: no results in d1 execute output: ${out.slice(0, 500)}`);
  return results as T[];
}

/** status 0: no HTTP answer at all (connection refused or dropped). */
export type Posted = { status: number; ms: number };

/** POSTs a signed webhook body with these events to the bot and times the acknowledgement. */
export async function postEvents(bot: Pick<Bot, 'url'>, list: unknown[], secret = BOT_SECRET): Promise<Posted> {
  const body = webhookBody(list);
  return postRaw(bot, body, await signBody(body, secret));
}

export async function postRaw(bot: Pick<Bot, 'url'>, body: string | Uint8Array, signature: string): Promise<Posted> {
  const started = performance.now();
  try {
    const res = await fetch(`${bot.url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  } catch {
    // A dropped connection (wrangler dev replacing its runtime under load) is an answer LINE would
    // count as failed: status 0, for the caller to count or redeliver, not a crash of the run.
    return { status: 0, ms: performance.now() - started };
  }
}
