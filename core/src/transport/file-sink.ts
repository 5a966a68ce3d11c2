import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { EventOutput } from './transport.js';

/**
 * Writes every event's encoded value as one line of a file (`--out events.log`), for offline
 * runs and byte-for-byte determinism checks. Lines are batched into large writes; when the
 * stream's buffer is full, `publish` returns a promise (backpressure) rather than buffering on.
 */
export class FileSink implements EventOutput {
  readonly path: string;
  private readonly stream: WriteStream;
  private chunk = '';
  private lines = 0;
  private failure: Error | undefined;

  constructor(
    path: string,
    private readonly batchChars = 1 << 16,
  ) {
    this.path = path;
    this.stream = createWriteStream(path, { flags: 'w' });
    this.stream.on('error', (error) => (this.failure = error));
  }

  get written(): number {
    return this.lines;
  }

  publish(_topic: string, _key: string | null, value: string): void | Promise<void> {
    if (this.failure) throw this.failure;
    this.chunk += `${value}\n`;
    this.lines++;
    if (this.chunk.length >= this.batchChars) return this.writeChunk();
  }

  /** Resolves when everything published so far is written to the file (or rejects with why not). */
  async flush(): Promise<void> {
    const chunk = this.chunk;
    this.chunk = '';
    await new Promise<void>((resolve, reject) => this.stream.write(chunk, (error) => (error ? reject(error) : resolve())));
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }

  private writeChunk(): void | Promise<void> {
    if (this.chunk.length === 0) return;
    const ok = this.stream.write(this.chunk);
    this.chunk = '';
    if (!ok) return once(this.stream, 'drain').then(() => undefined);
  }
}
