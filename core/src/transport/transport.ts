/**
 * Where encoded events go. Core owns this interface and imports no client library; the memory,
 * Kafka and NATS transports implement it and pass one conformance suite.
 *
 * `publish` returns undefined when the message was accepted at once, or a promise when the
 * caller must wait before publishing more (backpressure). After the promise resolves the
 * message is accepted; after `flush()` resolves, everything published before it is delivered
 * (memory) or acknowledged by the broker.
 */
export interface EventOutput {
  /**
   * `time` is the event's simulated time (ms since the epoch): an output that stamps records
   * (Kafka's record timestamp) uses it, so that event time survives fast-forward and paced runs.
   */
  publish(topic: string, key: string | null, value: string, time?: number): void | Promise<void>;
  /** A topic that events will go to (told when a domain declares an event kind): an output may create it now. */
  declareTopic?(topic: string): void;
  /**
   * Whether an event published to `topic` now would be read: delivered, kept, written or
   * damaged. An output without this method reads everything. When no output reads a topic, the
   * event sink lets the domain skip encoding its events (`EventSink.reads`) and calls `discard`
   * instead of `publish`.
   */
  reads?(topic: string): boolean;
  /**
   * Counts `count` events (default 1) to `topic` that nobody read, as `publish` would have
   * counted them, without their values.
   */
  discard?(topic: string, time?: number, count?: number): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface ReceivedMessage {
  topic: string;
  key: string | null;
  value: string;
}

export interface SubscribeOptions {
  /** `now` (default): messages published after `ready`; `beginning`: everything the topic retains. */
  from?: 'now' | 'beginning';
}

export interface Subscription extends AsyncIterable<ReceivedMessage> {
  /** Resolves once messages published from now on will be received. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface Transport extends EventOutput {
  /** Short name: memory, kafka, nats. */
  readonly name: string;
  /** Connects to the broker; rejects within a bounded time with an error naming the address. */
  connect(): Promise<void>;
  subscribe(topic: string, options?: SubscribeOptions): Subscription;
  /**
   * Counters the run summary prints (e.g. retries, duplicates). By convention `published`,
   * `delivered` (or `acked`) and `unacked` say what became of the events: the summary of a run
   * that failed or was stopped reports them as delivered, held and dropped.
   */
  stats(): Record<string, number>;
  /**
   * How long `flush` waits for a broker that does not answer before it fails, ms: what a stopped
   * run tells the user it waits for. Undefined for a transport that never waits (memory).
   */
  readonly deliveryTimeoutMs?: number;
  /**
   * Called before `connect` for a run that writes checkpoints: its identity (the same when it is
   * resumed) and how many events this transport had published at the checkpoint it continues from
   * (0 for a new run). A transport that de-duplicates (NATS JetStream message ids) numbers its
   * messages on from there, so that what a crashed run sent after its checkpoint is not stored twice.
   * `checkpointWallMs`: the wall time between two checkpoints of a paced run (undefined in fast
   * forward), which the broker's de-duplication must outlast.
   */
  continueRun?(runId: string, published: number, checkpointWallMs?: number): void;
  /**
   * Gives up on the events not delivered yet (a second Ctrl-C): they are dropped, a pending
   * `flush` or publish fails at once, and connections are let go. Returns how many were dropped.
   */
  abandon?(): number;
}

/** How a transport is made from configuration; the CLI's composition root registers these. */
export interface TransportFactory<C = Record<string, unknown>> {
  /** Lowercase letters, digits and dashes: memory, kafka, nats. */
  readonly name: string;
  readonly description: string;
  /** The range of @prodsim/core versions this transport works with, e.g. `^0.1.0`. */
  readonly coreVersion: string;
  create(options: C & { clientId: string }): Transport;
}
