import { ProdsimError, type ErrorCode } from '@prodsim/core';

/** Codes of the built-in baselines (kept in this package: the core's code union is closed). */
export const BaselineErrorCodes = {
  /** `oracle` on a domain whose research probe has no `trueValue`: there is no truth to rank by. */
  NO_TRUE_VALUE: 'PRODSIM_ERR_BASELINE_NO_TRUE_VALUE',
  /** A built-in baseline on a domain whose research probe declares no slate endpoint to answer. */
  NO_SLATE_ENDPOINT: 'PRODSIM_ERR_BASELINE_NO_SLATE_ENDPOINT',
} as const;

export type BaselineErrorCode = (typeof BaselineErrorCodes)[keyof typeof BaselineErrorCodes];

export class BaselineError extends ProdsimError {
  constructor(code: BaselineErrorCode, message: string) {
    super(code as unknown as ErrorCode, message);
    this.name = 'BaselineError';
  }
}
