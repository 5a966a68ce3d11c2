import { ProdsimError, type ErrorCode } from '@prodsim/core';

export const ReportErrorCodes = {
  /** The report input is not the shape renderReport needs (names the field and what it got). */
  INPUT: 'PRODSIM_ERR_REPORT_INPUT',
} as const;

/** A ProdsimError with this package's report code (the core's code union is closed). */
export class ReportError extends ProdsimError {
  constructor(message: string) {
    super(ReportErrorCodes.INPUT as unknown as ErrorCode, message);
    this.name = 'ReportError';
  }
}
