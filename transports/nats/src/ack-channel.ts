/**
 * How a JetStream publish is sent and its acknowledgement awaited. Exactly one call of `done`
 * follows each `send`: `done(undefined, duplicate)` once the stream stored the message (or already
 * had it: `duplicate`), `done(error)` otherwise.
 */
export interface AckChannel {
  send(subject: string, value: string, msgId: string, key: string | null, done: AckCallback): void;
  close(): void;
}

export type AckCallback = (error: unknown, duplicate?: boolean) => void;

/** A JetStream API error in an acknowledgement: the stream refused the message (retrying will not help). */
export class StreamRefusal extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly errCode: number,
  ) {
    super(message);
    this.name = 'StreamRefusal';
  }
}

/** The acknowledgement did not come within the ack timeout (server gone, or too slow). */
export class AckTimeout extends Error {
  constructor(ms: number) {
    super(`no acknowledgement within ${ms} ms`);
    this.name = 'AckTimeout';
  }
}
