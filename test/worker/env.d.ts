// Types `exports.default` (the Worker under test) and `env` for tests run in workerd.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../../src/index');
  }
  interface Env {
    DB: D1Database;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
