import { ErrorCodes, errorClass, type ErrorCode } from '../errors.js';

/** Codes the API server adds to the core's. */
export const ApiErrorCodes = {
  /** The server could not listen (port in use, no permission, bad host). */
  LISTEN: 'PRODSIM_ERR_API_LISTEN',
  /** Two worlds, collections or routes claim the same path, or a name is reserved. */
  ROUTE: 'PRODSIM_ERR_API_ROUTE',
  CONFIG_INVALID: ErrorCodes.CONFIG_INVALID,
} as const satisfies Record<string, ErrorCode>;

export type ApiErrorCode = (typeof ApiErrorCodes)[keyof typeof ApiErrorCodes];

export const ApiError = errorClass('ApiError', ApiErrorCodes);
export type ApiError = InstanceType<typeof ApiError>;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one JSON error shape every API error answer has (fastify's own shape, so clients see one). */
export function errorBody(statusCode: number, message: string): string {
  return JSON.stringify({ statusCode, error: REASONS[statusCode] ?? 'Error', message });
}

export const ERROR_SCHEMA = {
  type: 'object',
  description: 'An error',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
  required: ['statusCode', 'error', 'message'],
} as const;
