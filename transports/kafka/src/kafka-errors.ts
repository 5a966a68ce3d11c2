/** How kafkajs errors are read: which mean "try again", which mean "never", and what to tell the user. */

interface KafkaLikeError {
  name?: string;
  message?: string;
  type?: string;
  retriable?: boolean;
  cause?: unknown;
  originalError?: unknown;
}

/** kafkajs wraps the error that counts (retries exceeded, non-retriable) in `cause`/`originalError`. */
export function rootCause(error: unknown): KafkaLikeError {
  let e = error as KafkaLikeError;
  for (let i = 0; i < 10 && e && typeof e === 'object'; i++) {
    const next = (e.originalError ?? e.cause) as KafkaLikeError | undefined;
    if (!next || next === e || typeof next !== 'object') break;
    e = next;
  }
  return e ?? {};
}

/** Broker answers that retrying cannot change: the batch is refused for good. */
const PERMANENT = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'INVALID_REQUIRED_ACKS',
  'UNSUPPORTED_VERSION',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
  'INVALID_REPLICATION_FACTOR',
  'INVALID_PARTITIONS',
  'POLICY_VIOLATION',
]);

/** The broker no longer knows our idempotent session: a new producer (new id) is the way on. */
const SESSION_LOST = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH', 'INVALID_PRODUCER_ID_MAPPING']);

export function isPermanentKafkaError(root: KafkaLikeError): boolean {
  return root.type !== undefined && PERMANENT.has(root.type);
}

export function needsNewProducer(root: KafkaLikeError): boolean {
  return root.type !== undefined && SESSION_LOST.has(root.type);
}

export function describeKafkaError(error: unknown): string {
  const root = rootCause(error);
  const top = error as KafkaLikeError;
  const message = root.message || top?.message || String(error);
  return root.type && !message.includes(root.type) ? `${message} (${root.type})` : message;
}
