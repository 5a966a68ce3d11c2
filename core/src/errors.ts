/**
 * Every error prodsim throws on purpose carries a stable code, so that callers (and tests) match
 * on the code, never on the message text. Codes follow one scheme, `PRODSIM_ERR_<WHAT>`; a
 * package declares its own in its errors.ts (see `errorClass`) without editing core or casting.
 */
export type ErrorCode = `PRODSIM_ERR_${string}`;

export const ErrorCodes = {
  CONFIG_INVALID: 'PRODSIM_ERR_CONFIG_INVALID',
  CONFIG_FILE: 'PRODSIM_ERR_CONFIG_FILE',
  DOMAIN_DUPLICATE: 'PRODSIM_ERR_DOMAIN_DUPLICATE',
  DOMAIN_UNKNOWN: 'PRODSIM_ERR_DOMAIN_UNKNOWN',
  DOMAIN_INCOMPATIBLE: 'PRODSIM_ERR_DOMAIN_INCOMPATIBLE',
  DOMAIN_INVALID: 'PRODSIM_ERR_DOMAIN_INVALID',
  /** An experiment (or a built-in baseline) asked a domain whose world has no ResearchProbe. */
  DOMAIN_NO_PROBE: 'PRODSIM_ERR_DOMAIN_NO_PROBE',
  TRANSPORT_DUPLICATE: 'PRODSIM_ERR_TRANSPORT_DUPLICATE',
  TRANSPORT_UNKNOWN: 'PRODSIM_ERR_TRANSPORT_UNKNOWN',
  TRANSPORT_INCOMPATIBLE: 'PRODSIM_ERR_TRANSPORT_INCOMPATIBLE',
  TRANSPORT_INVALID: 'PRODSIM_ERR_TRANSPORT_INVALID',
  TRANSPORT_CLOSED: 'PRODSIM_ERR_TRANSPORT_CLOSED',
  TRANSPORT_UNSUPPORTED: 'PRODSIM_ERR_TRANSPORT_UNSUPPORTED',
  TRANSPORT_CONNECT: 'PRODSIM_ERR_TRANSPORT_CONNECT',
  /** `--plugin`, `plugins:` or PRODSIM_PLUGINS names a package or path that is not there. */
  PLUGIN_NOT_FOUND: 'PRODSIM_ERR_PLUGIN_NOT_FOUND',
  /** The module loads but exports no ProdsimPlugin, or one of the wrong shape. */
  PLUGIN_INVALID: 'PRODSIM_ERR_PLUGIN_INVALID',
  /** The plugin needs another @prodsim/core than this one. */
  PLUGIN_INCOMPATIBLE: 'PRODSIM_ERR_PLUGIN_INCOMPATIBLE',
  /** Two plugins share a name, or bring the same domain id, transport, baseline or command. */
  PLUGIN_DUPLICATE: 'PRODSIM_ERR_PLUGIN_DUPLICATE',
  /** A conformance check failed (`prodsim check`, or the suites run outside a test runner). */
  CONFORMANCE: 'PRODSIM_ERR_CONFORMANCE',
  SCHEDULER_TIME: 'PRODSIM_ERR_SCHEDULER_TIME',
  SCHEDULER_HANDLER: 'PRODSIM_ERR_SCHEDULER_HANDLER',
  SCHEDULER_RUNNING: 'PRODSIM_ERR_SCHEDULER_RUNNING',
  /** A scheduler queue kind other than 'heap' or 'ladder'. */
  SCHEDULER_QUEUE: 'PRODSIM_ERR_SCHEDULER_QUEUE',
  PREDICTOR_UNKNOWN_ENDPOINT: 'PRODSIM_ERR_PREDICTOR_UNKNOWN_ENDPOINT',
  USAGE: 'PRODSIM_ERR_USAGE',
  /** `--checkpoint` asked of a run whose domain, predictor or state cannot be snapshotted. */
  CHECKPOINT_UNSUPPORTED: 'PRODSIM_ERR_CHECKPOINT_UNSUPPORTED',
  /** A checkpoint of another format, domain or snapshot version than this build can continue. */
  CHECKPOINT_INCOMPATIBLE: 'PRODSIM_ERR_CHECKPOINT_INCOMPATIBLE',
  /** A checkpoint file that is damaged (bad magic, length or checksum) or a folder without one. */
  CHECKPOINT_CORRUPT: 'PRODSIM_ERR_CHECKPOINT_CORRUPT',
  /** Writing a checkpoint failed (the folder, the disk). */
  CHECKPOINT_WRITE: 'PRODSIM_ERR_CHECKPOINT_WRITE',
  /** The event file (`--out`) could not be written mid-run (the disk filled up, the device failed). */
  OUTPUT_WRITE: 'PRODSIM_ERR_OUTPUT_WRITE',
  /** The run stopped waiting for its transport (a second Ctrl-C): what the transport held was dropped. */
  TRANSPORT_ABANDONED: 'PRODSIM_ERR_TRANSPORT_ABANDONED',
  /** A part of a run failed with an error of no code of its own (a plain Error from a plugin). */
  RUN_FAILED: 'PRODSIM_ERR_RUN_FAILED',
} as const satisfies Record<string, ErrorCode>;

export interface ProdsimErrorOptions {
  cause?: unknown;
  /**
   * The user asked for something wrong (a configuration value naming a missing or malformed
   * file...): the CLI exits 2, as for the core's usage codes. For a package's codes that are
   * usage errors in one place and run failures in another.
   */
  usage?: boolean;
}

export class ProdsimError extends Error {
  readonly code: ErrorCode;
  readonly usage: boolean;
  constructor(code: ErrorCode, message: string, options?: ProdsimErrorOptions) {
    super(message, options);
    this.name = 'ProdsimError';
    this.code = code;
    this.usage = options?.usage === true;
  }
}

/**
 * A package's error class, declared in one line beside its table of codes (as fastify declares
 * its errors with createError): `export const MediaError = errorClass('MediaError', MediaErrorCodes)`.
 * Its constructor takes only that table's codes; it is a ProdsimError, so the CLI reports it
 * like every other (message and code, no stack trace).
 */
export function errorClass<const Codes extends Readonly<Record<string, ErrorCode>>>(name: string, _codes: Codes) {
  return class extends ProdsimError {
    declare readonly code: Codes[keyof Codes];
    constructor(code: Codes[keyof Codes], message: string, options?: ProdsimErrorOptions) {
      super(code, message, options);
      this.name = name;
    }
  };
}

/** True for a string of the `PRODSIM_ERR_` scheme (e.g. a code that crossed a worker thread). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && /^PRODSIM_ERR_[A-Z0-9_]+$/.test(value);
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
