/** What the transport delegates publishing to: JetStream (acknowledged) or core NATS (fire and forget). */
export interface Publisher {
  publish(subject: string, key: string | null, value: string): void | Promise<void>;
  /** Resolves once everything published before it is acknowledged (jetstream) or processed by the server (core). */
  flush(): Promise<void>;
  /** Stops timers and rejects waiters with `error` (logged unless `quiet`); nothing is sent afterwards. */
  abort(error: unknown, quiet?: boolean): void;
  readonly failure: Error | undefined;
  stats(): Record<string, number>;
}
