/** Where the stream comes from (Kafka or NATS): hands every line to a callback. */
export interface StreamSource {
  /** Resolves once the source is subscribed (lines published from then on are seen). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export type LineHandler = (line: string) => void;

/**
 * Lets the event loop serve pending HTTP requests now and then while a large batch of lines is
 * being learnt from, so that catching up on a backlog never delays an answer for long.
 */
export async function yieldEvery(i: number, every = 1000): Promise<void> {
  if (i > 0 && i % every === 0) await new Promise<void>((resolve) => setImmediate(resolve));
}
