import { ProdsimError, type ErrorCode } from '@prodsim/core';

export const ReportErrorCodes = {
  /** The report input is not the shape renderReport needs (names the field and what it got). */
  INPUT: 'PRODSIM_ERR_REPORT_INPUT',
} as const satisfies Record<string, ErrorCode>;

/** A ProdsimError with this package's one report code. */
export class ReportError extends ProdsimError {
  constructor(message: string) {
    super(ReportErrorCodes.INPUT, message);
    this.name = 'ReportError';
  }
}
