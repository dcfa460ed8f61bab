// deliver(): a resident's reply held up by LINE shows the loading animation once, without waiting for it.
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/log';
import { deliver } from '../../src/send/deliver';
import type { LineApi } from '../../src/send/line-api';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function fakeApi(replyFailures: number): { api: LineApi; calls: string[] } {
  const calls: string[] = [];
  let failures = replyFailures;
  const api: LineApi = {
    async reply() {
      calls.push('reply');
      if (failures-- > 0) throw new Error('network: LINE did not answer');
    },
    async push() {
      calls.push('push');
    },
    async showLoading(userId, seconds) {
      calls.push(`loading ${userId} ${seconds}`);
    },
  };
  return { api, calls };
}

const base = { replyToken: 'rt', to: 'U1', messages: [{ type: 'text' as const, text: 'x' }], retryKey: 'k', budgetMs: 18_000, label: 'r1' };
let now = 0;
const deps = (api: LineApi) => ({
  api,
  log: quiet,
  elapsed: () => now,
  sleep: async (ms: number) => {
    now += ms;
  },
});

describe('deliver and the loading animation', () => {
  it('shows it once when the reply cannot go out at once, then sends', async () => {
    const { api, calls } = fakeApi(2);
    const result = await deliver({ ...base, loadingSeconds: 20 }, deps(api));
    expect(result).toMatchObject({ status: 'sent', via: 'reply' });
    expect(calls).toEqual(['reply', 'loading U1 20', 'reply', 'reply']);
  });

  it('does not show it when the reply goes out at once, or for staff (no loadingSeconds)', async () => {
    const fast = fakeApi(0);
    await deliver({ ...base, loadingSeconds: 20 }, deps(fast.api));
    expect(fast.calls).toEqual(['reply']);
    const staff = fakeApi(1);
    await deliver(base, deps(staff.api));
    expect(staff.calls).toEqual(['reply', 'reply']);
  });
});
