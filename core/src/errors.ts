/**
 * Every error prodsim throws on purpose carries a stable code, so that callers (and tests) match
 * on the code, never on the message text.
 */
export const ErrorCodes = {
  CONFIG_INVALID: 'PRODSIM_ERR_CONFIG_INVALID',
  CONFIG_FILE: 'PRODSIM_ERR_CONFIG_FILE',
  DOMAIN_DUPLICATE: 'PRODSIM_ERR_DOMAIN_DUPLICATE',
  DOMAIN_UNKNOWN: 'PRODSIM_ERR_DOMAIN_UNKNOWN',
  DOMAIN_INCOMPATIBLE: 'PRODSIM_ERR_DOMAIN_INCOMPATIBLE',
  DOMAIN_INVALID: 'PRODSIM_ERR_DOMAIN_INVALID',
  TRANSPORT_DUPLICATE: 'PRODSIM_ERR_TRANSPORT_DUPLICATE',
  TRANSPORT_UNKNOWN: 'PRODSIM_ERR_TRANSPORT_UNKNOWN',
  TRANSPORT_CLOSED: 'PRODSIM_ERR_TRANSPORT_CLOSED',
  TRANSPORT_UNSUPPORTED: 'PRODSIM_ERR_TRANSPORT_UNSUPPORTED',
  TRANSPORT_CONNECT: 'PRODSIM_ERR_TRANSPORT_CONNECT',
  SCHEDULER_TIME: 'PRODSIM_ERR_SCHEDULER_TIME',
  SCHEDULER_HANDLER: 'PRODSIM_ERR_SCHEDULER_HANDLER',
  SCHEDULER_RUNNING: 'PRODSIM_ERR_SCHEDULER_RUNNING',
  PREDICTOR_UNKNOWN_ENDPOINT: 'PRODSIM_ERR_PREDICTOR_UNKNOWN_ENDPOINT',
  USAGE: 'PRODSIM_ERR_USAGE',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export class ProdsimError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProdsimError';
    this.code = code;
  }
}

/** A configuration value that is not allowed: names the field, the value and what is allowed. */
export class ConfigError extends ProdsimError {
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
  constructor(field: string, value: unknown, allowed: string) {
    super(ErrorCodes.CONFIG_INVALID, `invalid configuration: ${field} = ${describeValue(value)}; allowed: ${allowed}`);
    this.name = 'ConfigError';
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

export function isProdsimError(error: unknown): error is ProdsimError {
  return error instanceof ProdsimError;
}
