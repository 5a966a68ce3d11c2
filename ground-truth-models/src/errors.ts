import { errorClass, type ErrorCode } from '@prodsim/core';

/**
 * Stable codes for this package's failures. They live here rather than in core's ErrorCodes
 * (core knows nothing about ONNX); the error class is still a ProdsimError so that callers and
 * the CLI treat it like every other prodsim error.
 */
export const GroundTruthErrorCodes = {
  /** A model file could not be read, parsed or loaded by onnxruntime. */
  MODEL_LOAD: 'PRODSIM_ERR_GTM_MODEL_LOAD',
  /** A model does not have the inputs/outputs/tensors a spec or world expects. */
  MODEL_MISMATCH: 'PRODSIM_ERR_GTM_MODEL_MISMATCH',
  /** An input (image, clip, tensor) has the wrong shape, type or size. */
  INPUT_INVALID: 'PRODSIM_ERR_GTM_INPUT_INVALID',
  /** onnxruntime failed while running a model. */
  RUN_FAILED: 'PRODSIM_ERR_GTM_RUN_FAILED',
  /** The runner or pool was closed before (or while) a request was served. */
  RUNNER_CLOSED: 'PRODSIM_ERR_GTM_RUNNER_CLOSED',
  /** A worker thread could not start or died. */
  WORKER_FAILED: 'PRODSIM_ERR_GTM_WORKER_FAILED',
  /** A graph under construction is inconsistent (unknown tensor, duplicate name, bad shape). */
  GRAPH_INVALID: 'PRODSIM_ERR_GTM_GRAPH_INVALID',
} as const satisfies Record<string, ErrorCode>;

export type GroundTruthErrorCode = (typeof GroundTruthErrorCodes)[keyof typeof GroundTruthErrorCodes];

export const GroundTruthError = errorClass('GroundTruthError', GroundTruthErrorCodes);
export type GroundTruthError = InstanceType<typeof GroundTruthError>;
