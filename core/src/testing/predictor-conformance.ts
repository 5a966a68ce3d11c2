import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_KINDS, type Outcome } from '../prediction/outcome.js';
import type { Predictor } from '../prediction/predictor.js';
import { CONFORMANCE_ENDPOINT, CONFORMANCE_MAX_IDS, conformanceIds, type ConformanceCase } from './conformance-endpoint.js';

export interface PredictorConformanceOptions {
  /** Deadline the suite passes to `predict`, ms (default 300); the `slow` case waits this long. */
  deadlineMs?: number;
  /** Requests in flight at once in the concurrency test (default 200). */
  concurrency?: number;
  /** Stops whatever `makePredictor` started (e.g. the reference server); runs after `close()`. */
  cleanup?: () => void | Promise<void>;
}

/**
 * The suite every predictor passes. The predictor under test must be wired to the reference
 * service of `conformance-endpoint.ts` (HTTP: `startMisbehavingService()`; in-process:
 * `conformanceInProcessPredictor()`). It checks that every answer and every fault becomes a
 * typed outcome (never a throw or a rejection), that latency is measured, that the endpoint's
 * validation is applied, and that many requests in flight each get their own answer.
 */
export function runPredictorConformance(name: string, makePredictor: () => Predictor | Promise<Predictor>, options: PredictorConformanceOptions = {}): void {
  const deadlineMs = options.deadlineMs ?? 300;
  const concurrency = options.concurrency ?? 200;

  describe(`predictor conformance: ${name}`, () => {
    let predictor: Predictor;
    beforeAll(async () => {
      predictor = await makePredictor();
    });
    afterAll(async () => {
      await predictor?.close();
      await options.cleanup?.();
    });

    /** Calls predict and fails the test (rather than throwing) if it throws or rejects. */
    async function ask(kind: ConformanceCase, n = 1): Promise<Outcome<string[]>> {
      let outcome: Outcome<string[]> | undefined;
      let thrown: unknown;
      try {
        outcome = await predictor.predict(CONFORMANCE_ENDPOINT, { case: kind, n }, { deadlineMs });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, `predict threw or rejected for case ${kind}`).toBeUndefined();
      expect(OUTCOME_KINDS).toContain(outcome!.kind);
      expect(Number.isFinite(outcome!.latencyMs) && outcome!.latencyMs >= 0, `latency ${outcome!.latencyMs}`).toBe(true);
      expect(Number.isInteger(outcome!.status)).toBe(true);
      if (outcome!.kind !== 'ok') {
        expect(outcome!.error.length).toBeGreaterThan(0);
        expect(outcome!.error).not.toMatch(/\n/);
      }
      return outcome!;
    }

    it('has a target to name on the stream', () => {
      expect(typeof predictor.target).toBe('string');
      expect(predictor.target.length).toBeGreaterThan(0);
    });

    it('returns a validated answer with status 200 and the measured latency', async () => {
      const outcome = await ask('ok', 7);
      expect(outcome).toMatchObject({ kind: 'ok', status: 200, value: conformanceIds(7), dropped: 0 });
      expect(outcome.latencyMs).toBeLessThan(deadlineMs);
    });

    it('applies the endpoint validation: ids over the limit and unknown ids are dropped and counted', async () => {
      const many = await ask('many', 3);
      expect(many).toMatchObject({ kind: 'ok', value: conformanceIds(3, CONFORMANCE_MAX_IDS), dropped: 5 });
      const unknown = await ask('unknown', 9);
      expect(unknown).toMatchObject({ kind: 'ok', value: conformanceIds(9, 3), dropped: 2 });
      const empty = await ask('empty');
      expect(empty).toMatchObject({ kind: 'ok', value: [], dropped: 0 });
    });

    it('an answer that is not a list is malformed, with the status that came', async () => {
      const outcome = await ask('malformed');
      expect(outcome).toMatchObject({ kind: 'malformed', status: 200 });
    });

    it('a failing service is an http-error with its status', async () => {
      const outcome = await ask('error');
      expect(outcome).toMatchObject({ kind: 'http-error', status: 500 });
    });

    it('no answer within the deadline is a timeout with status 0, decided at the deadline', async () => {
      const outcome = await ask('slow');
      expect(outcome).toMatchObject({ kind: 'timeout', status: 0 });
      if (outcome.kind !== 'ok') expect(outcome.error).toContain(String(deadlineMs));
      // Timers may fire a fraction of a millisecond early; never a whole deadline early.
      expect(outcome.latencyMs).toBeGreaterThanOrEqual(deadlineMs - 2);
    });

    it(`keeps ${concurrency} requests in flight at once, each with its own answer`, async () => {
      const ns = Array.from({ length: concurrency }, (_, i) => 1000 + i * 7);
      const outcomes = await Promise.all(ns.map((n) => ask('ok', n)));
      outcomes.forEach((outcome, i) => expect(outcome).toMatchObject({ kind: 'ok', value: conformanceIds(ns[i]) }));
    });

    it('mixed faults in flight together each keep their own outcome', async () => {
      const cases: ConformanceCase[] = ['ok', 'error', 'malformed', 'slow', 'many', 'ok'];
      const outcomes = await Promise.all(cases.map((c, i) => ask(c, 40 + i)));
      expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'http-error', 'malformed', 'timeout', 'ok', 'ok']);
      expect(outcomes[5]).toMatchObject({ value: conformanceIds(45) });
    });
  });
}

// The suite's reference service travels with it: the endpoint, the in-process and the HTTP
// versions of the service, and the misbehaving service the fault tests use.
export {
  CONFORMANCE_ENDPOINT,
  CONFORMANCE_ITEMS,
  CONFORMANCE_MAX_IDS,
  conformanceIds,
  conformanceReply,
  conformanceInProcessPredictor,
  parseConformancePath,
} from './conformance-endpoint.js';
export type { ConformanceCase, ConformanceReply, ConformanceRequest } from './conformance-endpoint.js';
export { startMisbehavingService, closedPortUrl, MISBEHAVING_MODES, MIXED_MODES } from './misbehaving-service.js';
export type { MisbehavingMode, MisbehavingOptions, MisbehavingService } from './misbehaving-service.js';
