import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ConformanceSuite } from './conformance-check.js';

/**
 * A conformance suite as vitest tests: one `it` per check, setup and teardown around them. A check
 * may run several whole worlds (the determinism check runs three), so each gets `timeoutMs`
 * (default 120 s) rather than the runner's per-test default.
 */
export function describeSuite(suite: ConformanceSuite, timeoutMs = 120_000): void {
  describe(suite.name, () => {
    if (suite.setup) beforeAll(() => suite.setup!(), timeoutMs);
    if (suite.teardown) afterAll(() => suite.teardown!(), timeoutMs);
    for (const check of suite.checks) {
      it(
        check.name,
        async () => {
          await check.run();
        },
        timeoutMs,
      );
    }
  });
}
