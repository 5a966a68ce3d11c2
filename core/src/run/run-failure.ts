import { ErrorCodes, ProdsimError, type ErrorCode } from '../errors.js';

/** Something that failed as the run ran or closed (an output, the world, the predictor), with its stable code. */
export interface RunFailure {
  /** What failed: `transport kafka`, `event file out.log`, `world`, `predictor`, `run`. */
  part: string;
  /** The error's message, without the code. */
  error: string;
  /** The stable code a user can grep for (`PRODSIM_ERR_RUN_FAILED` for an error that has none of its own). */
  code: ErrorCode;
}

/**
 * The failure record of `error` in `part`. Its code is that of the innermost coded error in the
 * cause chain: a transport's delivery failure that surfaced through a scheduler handler keeps
 * `PRODSIM_ERR_TRANSPORT_DELIVERY`, which is what says what went wrong.
 */
export function runFailure(part: string, error: unknown): RunFailure {
  let code: ErrorCode | undefined;
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== undefined && e !== null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    if (e instanceof ProdsimError) code = e.code;
  }
  return { part, error: String((error as Error)?.message ?? error), code: code ?? ErrorCodes.RUN_FAILED };
}

/** `message [CODE]`: how a failure is printed, so that the code can be grepped. */
export function describeFailure(failure: Pick<RunFailure, 'error' | 'code'>): string {
  return `${failure.error} [${failure.code}]`;
}
