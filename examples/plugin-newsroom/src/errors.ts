import { errorClass, type ErrorCode } from '@prodsim/core';

/** This plugin's error codes: a plugin declares its own, in the PRODSIM_ERR_ scheme, without editing core. */
export const NewsroomErrorCodes = {
  /** A scenario action the world does not know reached it (the run validates timelines first, so: a bug). */
  SCENARIO: 'PRODSIM_ERR_NEWSROOM_SCENARIO',
} as const satisfies Record<string, ErrorCode>;

export const NewsroomError = errorClass('NewsroomError', NewsroomErrorCodes);
export type NewsroomError = InstanceType<typeof NewsroomError>;
