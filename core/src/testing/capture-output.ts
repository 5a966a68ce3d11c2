import type { EventOutput } from '../transport/transport.js';

export interface CapturedEvent {
  topic: string;
  key: string | null;
  value: string;
}

/** An output that keeps every event in memory, for assertions. */
export class CaptureOutput implements EventOutput {
  readonly events: CapturedEvent[] = [];
  flushed = 0;
  closed = false;

  publish(topic: string, key: string | null, value: string): void {
    this.events.push({ topic, key, value });
  }

  async flush(): Promise<void> {
    this.flushed++;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** The whole log as the file sink would write it. */
  text(): string {
    return this.events.map((e) => `${e.topic}\t${e.key ?? ''}\t${e.value}\n`).join('');
  }
}
