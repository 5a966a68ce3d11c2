import type { ServerTiming } from './server-timing.js';

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
  /**
   * The answer listed items and validation dropped every one (unknown or repeated ids): the world
   * treats it as an empty answer, the summary counts it apart from `ok`.
   */
  onlyUnknown?: true;
  /** The service's `Server-Timing` header, when it sent one. */
  serverTiming?: ServerTiming;
}

export interface FailureOutcome {
  kind: FailureKind;
  /** HTTP status when an answer came (http-error, malformed, oversized); 0 when none did. */
  status: number;
  latencyMs: number;
  /** Human-readable cause, logged on the stream by domains that log failures. */
  error: string;
  /** The service's `Server-Timing` header, when an answer with one came. */
  serverTiming?: ServerTiming;
}

export type Outcome<T> = OkOutcome<T> | FailureOutcome;

export function ok<T>(value: T, latencyMs: number, dropped = 0, status = 200): OkOutcome<T> {
  return { kind: 'ok', value, status, latencyMs, dropped };
}

/**
 * The ok outcome of an answer that passed validation. `raw` is the answer before validation: when
 * it is a non-empty list whose every item validation dropped, the outcome is marked `onlyUnknown`.
 */
export function validatedOk<T>(raw: unknown, checked: { value: T; dropped: number }, latencyMs: number, parseDropped = 0, status = 200): OkOutcome<T> {
  const outcome = ok(checked.value, latencyMs, parseDropped + checked.dropped, status);
  if (Array.isArray(raw) && raw.length > 0 && checked.dropped >= raw.length) outcome.onlyUnknown = true;
  return outcome;
}

export function failure(kind: FailureKind, error: string, latencyMs: number, status = 0): FailureOutcome {
  return { kind, status, latencyMs, error };
}
