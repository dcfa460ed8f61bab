// The Worker's bindings and vars, typed once, and the validated configuration the code reads.
import { z } from 'zod';

/** What wrangler binds (wrangler.toml [vars], secrets, D1). Vars arrive as strings or not at all. */
export type Bindings = {
  DB: D1Database;
  /** Wakes the outbox drain and keeps turns D1 could not take (wrangler.toml [[queues]]). */
  OUTBOX_QUEUE?: Queue<unknown>;
  /** Limits staff sign-in tries per client (wrangler.toml [[ratelimits]]). */
  SIGNIN_LIMIT?: RateLimit;
  LINE_CHANNEL_SECRET?: string;
  LINE_CHANNEL_ACCESS_TOKEN?: string;
  LINE_API_BASE_URL?: string;
  STAFF_TOKEN?: string;
  NOW?: string;
  DEV_CHAT?: string;
  STAFF_NOTIFY_TO?: string;
  STAFF_WEBHOOK_URL?: string;
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
  RETENTION_DAYS?: string;
};

const optionalText = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()));

export const ConfigSchema = z.object({
  LINE_CHANNEL_SECRET: optionalText,
  LINE_CHANNEL_ACCESS_TOKEN: optionalText,
  LINE_API_BASE_URL: optionalText.pipe(z.url().optional()).transform((u) => u ?? 'https://api.line.me'),
  STAFF_TOKEN: optionalText,
  // ISO 8601 with an offset, e.g. 2026-11-28T23:30:00+09:00 (fixes the clock for demos and tests).
  NOW: optionalText.pipe(z.iso.datetime({ offset: true }).optional()),
  DEV_CHAT: optionalText.transform((v) => v === 'on' || v === 'true' || v === '1'),
  STAFF_NOTIFY_TO: optionalText,
  STAFF_WEBHOOK_URL: optionalText.pipe(z.url().optional()),
  ACCESS_TEAM_DOMAIN: optionalText.pipe(z.url().optional()),
  ACCESS_AUD: optionalText,
  RETENTION_DAYS: optionalText.transform((d) => (d === undefined ? 180 : Number(d))).pipe(z.number().int().min(1).max(3650)),
});
export type Config = z.infer<typeof ConfigSchema>;

const parsedConfigs = new WeakMap<Bindings, Config>();

/**
 * The validated vars, parsed once per isolate (the same env object comes with every request); a
 * malformed var is a deployment error, named in the message.
 */
export function readConfig(env: Bindings): Config {
  const known = parsedConfigs.get(env);
  if (known !== undefined) return known;
  const config = parseConfig(env);
  parsedConfigs.set(env, config);
  return config;
}

function parseConfig(env: Bindings): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`config: invalid Worker vars: ${fields}`);
  }
  return parsed.data;
}

export type AppEnv = { Bindings: Bindings };
