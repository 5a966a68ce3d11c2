import { errorClass, type ErrorCode } from '@prodsim/core';

/** Codes of the built-in baselines (declared here: a package adds its codes without editing core). */
export const BaselineErrorCodes = {
  /** `oracle` on a domain whose research probe has no `trueValue`: there is no truth to rank by. */
  NO_TRUE_VALUE: 'PRODSIM_ERR_BASELINE_NO_TRUE_VALUE',
  /** `mf-ratings` on a domain whose research probe reads no ratings off the stream: nothing to learn from. */
  NO_STREAM_RATINGS: 'PRODSIM_ERR_BASELINE_NO_STREAM_RATINGS',
  /** A built-in baseline on a domain whose research probe declares no slate endpoint to answer. */
  NO_SLATE_ENDPOINT: 'PRODSIM_ERR_BASELINE_NO_SLATE_ENDPOINT',
} as const satisfies Record<string, ErrorCode>;

export type BaselineErrorCode = (typeof BaselineErrorCodes)[keyof typeof BaselineErrorCodes];

export const BaselineError = errorClass('BaselineError', BaselineErrorCodes);
export type BaselineError = InstanceType<typeof BaselineError>;
