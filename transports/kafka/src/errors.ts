import { ErrorCodes, errorClass, type ErrorCode } from '@prodsim/core';

/**
 * Codes this package adds to the core's. Connecting reuses the core's PRODSIM_ERR_TRANSPORT_CONNECT
 * (and CLOSED, CONFIG_INVALID); what only a broker-backed transport can hit gets its own code.
 */
export const KafkaErrorCodes = {
  /** Events could not be delivered: the broker stayed unreachable past the delivery timeout, or refused them for good. */
  DELIVERY: 'PRODSIM_ERR_TRANSPORT_DELIVERY',
  /** A subscription's consumer failed (it could not join, or crashed). */
  SUBSCRIBE: 'PRODSIM_ERR_TRANSPORT_SUBSCRIBE',
  /**
   * A resumed run finds fewer events committed in Kafka than its checkpoint says were published:
   * the checkpoint folder and the broker (or its transactional id) do not belong together.
   */
  RESUME: 'PRODSIM_ERR_TRANSPORT_RESUME',
  CONNECT: ErrorCodes.TRANSPORT_CONNECT,
  CLOSED: ErrorCodes.TRANSPORT_CLOSED,
} as const satisfies Record<string, ErrorCode>;

export type KafkaErrorCode = (typeof KafkaErrorCodes)[keyof typeof KafkaErrorCodes];

export const KafkaTransportError = errorClass('KafkaTransportError', KafkaErrorCodes);
export type KafkaTransportError = InstanceType<typeof KafkaTransportError>;
