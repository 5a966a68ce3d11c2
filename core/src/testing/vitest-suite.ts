import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ConformanceSuite } from './conformance-check.js';

/** A conformance suite as vitest tests: one `it` per check, setup and teardown around them. */
export function describeSuite(suite: ConformanceSuite): void {
  describe(suite.name, () => {
    if (suite.setup) beforeAll(() => suite.setup!());
    if (suite.teardown) afterAll(() => suite.teardown!());
    for (const check of suite.checks) {
      it(check.name, async () => {
        await check.run();
      });
    }
  });
}
