// Two layers of tests: `node` (build scripts, knowledge, evaluation sets, the bot started from outside
// with wrangler dev) and `worker` (the Worker itself in workerd with real local D1, via
// @cloudflare/vitest-pool-workers).
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// The D1 migrations, read with wrangler's splitter and applied by test/worker/apply-migrations.ts.
const migrations = await readD1Migrations('migrations');

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'node', include: ['test/node/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                LINE_CHANNEL_SECRET: 'test-channel-secret',
                LINE_CHANNEL_ACCESS_TOKEN: 'test-access-token',
                LINE_API_BASE_URL: 'http://fake-line.test',
                STAFF_TOKEN: 'test-staff-token-0123456789',
                DEV_CHAT: 'on',
                STAFF_NOTIFY_TO: 'Cstaffgroup00000000000000000000001',
                TEST_MIGRATIONS: migrations,
              },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['test/worker/apply-migrations.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
