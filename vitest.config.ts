import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const ROOT = import.meta.dirname;
const brokers = process.env.PRODSIM_BROKERS === '1';

function intTests(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) intTests(path, out);
    else if (entry.name.endsWith('.int.test.ts')) out.push(relative(ROOT, path));
  }
  return out;
}

if (!brokers && !process.env.VITEST_WORKER_ID) {
  const skipped = intTests(ROOT);
  if (skipped.length > 0) {
    console.log(
      `prodsim: skipped ${skipped.length} integration suites that need real brokers or headless Chromium (${skipped.join(', ')}); ` +
        `start the brokers with transports/kafka/dev-broker/start.sh and transports/nats/dev-server/start.sh, then run PRODSIM_BROKERS=1 npm test (bash .ci/run does all of it).`,
    );
  }
}

// Workspace packages export their TypeScript sources under the "source" condition, so tests run
// against src/ without a build; the CLI and worker threads use the compiled dist/.
export default defineConfig({
  resolve: { conditions: ['source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', ...(brokers ? [] : ['**/*.int.test.ts'])],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
