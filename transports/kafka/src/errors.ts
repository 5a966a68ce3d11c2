import { ErrorCodes, ProdsimError, type ErrorCode } from '@prodsim/core';

/**
 * Codes this package adds to the core's. Connecting reuses the core's PRODSIM_ERR_TRANSPORT_CONNECT
 * (and CLOSED, CONFIG_INVALID); what only a broker-backed transport can hit gets its own code.
 */
export const KafkaErrorCodes = {
  /** Events could not be delivered: the broker stayed unreachable past the delivery timeout, or refused them for good. */
  DELIVERY: 'PRODSIM_ERR_TRANSPORT_DELIVERY',
  /** A subscription's consumer failed (it could not join, or crashed). */
  SUBSCRIBE: 'PRODSIM_ERR_TRANSPORT_SUBSCRIBE',
  CONNECT: ErrorCodes.TRANSPORT_CONNECT,
  CLOSED: ErrorCodes.TRANSPORT_CLOSED,
} as const;

export type KafkaErrorCode = (typeof KafkaErrorCodes)[keyof typeof KafkaErrorCodes];

/** A ProdsimError whose code may be one of this package's own (the core's code union is closed). */
export class KafkaTransportError extends ProdsimError {
  constructor(code: KafkaErrorCode, message: string, options?: { cause?: unknown }) {
    super(code as ErrorCode, message, options);
    this.name = 'KafkaTransportError';
  }
}
