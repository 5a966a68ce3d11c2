/**
 * What came of one prediction request. Every outside-service fault is one of these typed
 * outcomes, never an exception, and every outcome carries the latency the world observed.
 */
export type FailureKind = 'timeout' | 'refused' | 'http-error' | 'malformed' | 'oversized';
export type OutcomeKind = 'ok' | FailureKind;
export const OUTCOME_KINDS: readonly OutcomeKind[] = ['ok', 'timeout', 'refused', 'http-error', 'malformed', 'oversized'];

export interface OkOutcome<T> {
  kind: 'ok';
  value: T;
  /** HTTP status (200), or 200 for an in-process answer. */
  status: number;
  latencyMs: number;
  /** Items of the answer dropped by validation (e.g. unknown ids). */
  dropped: number;
}

export interface FailureOutcome {
  kind: FailureKind;
  /** HTTP status when an answer came (http-error, malformed, oversized); 0 when none did. */
  status: number;
  latencyMs: number;
  /** Human-readable cause, logged on the stream by domains that log failures. */
  error: string;
}

export type Outcome<T> = OkOutcome<T> | FailureOutcome;

export function ok<T>(value: T, latencyMs: number, dropped = 0, status = 200): OkOutcome<T> {
  return { kind: 'ok', value, status, latencyMs, dropped };
}

export function failure(kind: FailureKind, error: string, latencyMs: number, status = 0): FailureOutcome {
  return { kind, status, latencyMs, error };
}
