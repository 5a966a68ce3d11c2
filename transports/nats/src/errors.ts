import { ErrorCodes, errorClass, type ErrorCode } from '@prodsim/core';

/**
 * Codes this package adds to the core's. Connecting reuses the core's PRODSIM_ERR_TRANSPORT_CONNECT
 * (and CLOSED, UNSUPPORTED, CONFIG_INVALID); what only a broker-backed transport can hit gets its own.
 */
export const NatsErrorCodes = {
  /** Events could not be delivered: the server stayed unreachable past the delivery timeout, or refused them for good. */
  DELIVERY: 'PRODSIM_ERR_TRANSPORT_DELIVERY',
  /** A subscription's consumer failed (it could not be created, or stopped). */
  SUBSCRIBE: 'PRODSIM_ERR_TRANSPORT_SUBSCRIBE',
  /** A topic that cannot be a NATS subject token (empty, whitespace, `*` or `>`). */
  TOPIC: 'PRODSIM_ERR_TRANSPORT_TOPIC',
  /** The JetStream stream could not be found or created. */
  STREAM: 'PRODSIM_ERR_TRANSPORT_STREAM',
  CONNECT: ErrorCodes.TRANSPORT_CONNECT,
  CLOSED: ErrorCodes.TRANSPORT_CLOSED,
  UNSUPPORTED: ErrorCodes.TRANSPORT_UNSUPPORTED,
} as const satisfies Record<string, ErrorCode>;

export type NatsErrorCode = (typeof NatsErrorCodes)[keyof typeof NatsErrorCodes];

export const NatsTransportError = errorClass('NatsTransportError', NatsErrorCodes);
export type NatsTransportError = InstanceType<typeof NatsTransportError>;
