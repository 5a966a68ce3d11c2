import { ErrorCodes, ProdsimError } from '../errors.js';

/**
 * A conformance suite without a test runner: named checks that throw when the thing under test
 * breaks its contract (the message is the reason). `prodsim check` runs suites with `runSuite`;
 * tests run them with vitest through `describeSuite` (vitest-suite.ts).
 */
export interface ConformanceCheck {
  readonly name: string;
  /** Throws with the reason on failure; may return a note (e.g. "no routes declared"). */
  run(): Promise<string | undefined> | string | undefined;
}

export interface ConformanceSuite {
  readonly name: string;
  readonly checks: readonly ConformanceCheck[];
  /** Runs before the first check (e.g. connects a transport); if it throws, every check fails with its reason. */
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
}

export interface CheckResult {
  readonly suite: string;
  readonly check: string;
  readonly ok: boolean;
  /** Why it failed, or a note on a pass. */
  readonly reason?: string;
  readonly ms: number;
}

/** Fails the current check with `reason` unless `condition` holds. */
export function ensure(condition: unknown, reason: string): asserts condition {
  if (!condition) fail(reason);
}

/** Fails the current check with `reason`. */
export function fail(reason: string): never {
  throw new ProdsimError(ErrorCodes.CONFORMANCE, reason);
}

/** Runs every check of a suite, one after another, reporting each result as it comes. */
export async function runSuite(suite: ConformanceSuite, onResult?: (result: CheckResult) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const report = (result: CheckResult) => {
    results.push(result);
    onResult?.(result);
  };
  let setupFailure: string | undefined;
  try {
    await suite.setup?.();
  } catch (error) {
    setupFailure = `setup failed: ${reasonOf(error)}`;
  }
  try {
    for (const check of suite.checks) {
      if (setupFailure !== undefined) {
        report({ suite: suite.name, check: check.name, ok: false, reason: setupFailure, ms: 0 });
        continue;
      }
      const t0 = performance.now();
      try {
        const note = await check.run();
        report({ suite: suite.name, check: check.name, ok: true, reason: note || undefined, ms: performance.now() - t0 });
      } catch (error) {
        report({ suite: suite.name, check: check.name, ok: false, reason: reasonOf(error), ms: performance.now() - t0 });
      }
    }
  } finally {
    await suite.teardown?.();
  }
  return results;
}

/** An error as one line: its message's first line (a stack trace helps no plugin author here). */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] || (error as Error)?.name || 'failed';
}
