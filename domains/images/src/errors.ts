import { ProdsimError, type ErrorCode } from '@prodsim/core';

/** Codes of the images domain (kept here: the preamble's rule, no edits to core for a domain's codes). */
export const ImagesErrorCodes = {
  /** Rendering or embedding an image failed (sharp or onnxruntime): the run cannot go on truthfully. */
  RENDER: 'PRODSIM_ERR_IMAGES_RENDER',
  /** A scenario action or its parameters are not known. */
  SCENARIO: 'PRODSIM_ERR_IMAGES_SCENARIO',
} as const;

export type ImagesErrorCode = (typeof ImagesErrorCodes)[keyof typeof ImagesErrorCodes];

export class ImagesError extends ProdsimError {
  constructor(code: ImagesErrorCode, message: string, options?: { cause?: unknown }) {
    super(code as unknown as ErrorCode, message, options);
    this.name = 'ImagesError';
  }
}
