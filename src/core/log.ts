// Structured logs (one JSON line each) so failures can be found in `wrangler tail` and Workers Logs.
export type Fields = Record<string, unknown>;
export type Logger = { info(msg: string, fields?: Fields): void; warn(msg: string, fields?: Fields): void; error(msg: string, fields?: Fields): void };

export const consoleLogger: Logger = {
  info: (msg, fields) => console.log(JSON.stringify({ level: 'info', msg, ...fields })),
  warn: (msg, fields) => console.warn(JSON.stringify({ level: 'warn', msg, ...fields })),
  error: (msg, fields) => console.error(JSON.stringify({ level: 'error', msg, ...fields })),
};
