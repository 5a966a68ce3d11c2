import { errorClass, type ErrorCode } from '@prodsim/core';

/** Codes of the images domain (declared here: a domain adds its codes without editing core). */
export const ImagesErrorCodes = {
  /** Rendering or embedding an image failed (sharp or onnxruntime): the run cannot go on truthfully. */
  RENDER: 'PRODSIM_ERR_IMAGES_RENDER',
  /** A scenario action or its parameters are not known. */
  SCENARIO: 'PRODSIM_ERR_IMAGES_SCENARIO',
} as const satisfies Record<string, ErrorCode>;

export type ImagesErrorCode = (typeof ImagesErrorCodes)[keyof typeof ImagesErrorCodes];

export const ImagesError = errorClass('ImagesError', ImagesErrorCodes);
export type ImagesError = InstanceType<typeof ImagesError>;
