import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
describe('smoke', () => {
  it('answers', async () => {
    const res = await exports.default.fetch('http://x/');
    expect(await res.text()).toBe('hi');
  });
});
