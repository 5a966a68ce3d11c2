import { closeSync, createWriteStream, fstatSync, fsync, ftruncateSync, openSync, statfsSync, writeSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { ErrorCodes, ProdsimError } from '../errors.js';
import type { EventOutput } from './transport.js';

export interface FileSinkOptions {
  /** Characters gathered before a write (default 64 Ki). */
  batchChars?: number;
  /** Continue a resumed run's file: cut it back to this many bytes (its length at the checkpoint) and append. */
  resumeAt?: number;
}

/**
 * Writes every event's encoded value as one line of a file (`--out events.log`), for offline
 * runs and byte-for-byte determinism checks. The file is opened and checked when the sink is made
 * (a missing folder, a folder, no permission, no space: a usage error naming the path), so a run
 * never starts with an output it cannot write. Lines are batched into large writes; when the
 * stream's buffer is full, `publish` returns a promise (backpressure) rather than buffering on.
 */
export class FileSink implements EventOutput {
  readonly path: string;
  private readonly stream: WriteStream;
  private readonly fd: number;
  private readonly batchChars: number;
  private chunk = '';
  private chunkLines = 0;
  private lines = 0;
  private linesWritten = 0;
  /** Bytes in the file: its length when resumed plus every chunk written since. */
  private bytes: number;
  private failure: Error | undefined;

  constructor(path: string, options: FileSinkOptions | number = {}) {
    const { batchChars = 1 << 16, resumeAt } = typeof options === 'number' ? { batchChars: options } : options;
    this.path = path;
    this.batchChars = batchChars;
    this.fd = openChecked(path, resumeAt);
    this.bytes = resumeAt ?? 0;
    this.stream = createWriteStream(path, { fd: this.fd, start: this.bytes });
    this.stream.on('error', (error) => (this.failure ??= writeError(path, error)));
  }

  /** Lines published (written, or waiting in the current batch). */
  get written(): number {
    return this.lines;
  }

  /** Lines the file system has taken (a failed write's lines are not among them). */
  get delivered(): number {
    return this.linesWritten;
  }

  /** The write failure, if the file could not be written. */
  get failed(): Error | undefined {
    return this.failure;
  }

  publish(_topic: string, _key: string | null, value: string): void | Promise<void> {
    if (this.failure) throw this.failure;
    this.chunk += `${value}\n`;
    this.chunkLines++;
    this.lines++;
    if (this.chunk.length >= this.batchChars) return this.writeChunk();
  }

  /** Resolves when everything published so far is written to the file (or rejects with why not). */
  async flush(): Promise<void> {
    const chunk = this.chunk;
    const lines = this.chunkLines;
    this.chunk = '';
    this.chunkLines = 0;
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => this.stream.write(chunk, (error) => (error ? reject(writeError(this.path, error)) : resolve())));
    this.bytes += Buffer.byteLength(chunk);
    this.linesWritten += lines;
    if (this.failure) throw this.failure;
  }

  /** Writes everything published so far and makes it durable (fsync); resolves to the file's length. */
  async sync(): Promise<number> {
    await this.flush();
    await new Promise<void>((resolve, reject) => fsync(this.fd, (error) => (error ? reject(error) : resolve())));
    return this.bytes;
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    }
  }

  private writeChunk(): void | Promise<void> {
    if (this.chunk.length === 0) return;
    this.bytes += Buffer.byteLength(this.chunk);
    const lines = this.chunkLines;
    const ok = this.stream.write(this.chunk, (error) => {
      if (!error) this.linesWritten += lines;
    });
    this.chunk = '';
    this.chunkLines = 0;
    if (!ok) return once(this.stream, 'drain').then(() => undefined);
  }
}

/**
 * Opens the event file for writing (or, resuming, for continuing at `resumeAt`), and checks that
 * it can be written: the errors a run would otherwise meet at its first write, named at once.
 */
function openChecked(path: string, resumeAt: number | undefined): number {
  let fd: number;
  try {
    fd = openSync(path, resumeAt === undefined ? 'w' : 'r+', 0o644);
  } catch (cause) {
    throw outError(path, cause);
  }
  try {
    const stat = fstatSync(fd);
    if (resumeAt !== undefined) {
      if (stat.size < resumeAt) {
        throw new ProdsimError(
          ErrorCodes.CHECKPOINT_CORRUPT,
          `event file ${path} has ${stat.size} bytes, fewer than the ${resumeAt} it had at the checkpoint: it was changed since, so the run cannot continue it`,
        );
      }
      if (stat.isFile()) ftruncateSync(fd, resumeAt);
    }
    // A device that refuses writes (/dev/full) says so to an empty write; a full file system by its free blocks.
    writeSync(fd, Buffer.alloc(0));
    if (stat.isFile() && statfsSync(dirname(path)).bavail === 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    return fd;
  } catch (cause) {
    closeSync(fd);
    throw cause instanceof ProdsimError ? cause : outError(path, cause);
  }
}

/** A write that failed mid-run (the disk filled up, the device went away): coded, naming the file. */
function writeError(path: string, cause: Error): ProdsimError {
  if (cause instanceof ProdsimError) return cause;
  const code = (cause as NodeJS.ErrnoException).code;
  return new ProdsimError(
    ErrorCodes.OUTPUT_WRITE,
    `--out ${path}: writing the event file failed: ${cause.message}${code && !cause.message.includes(code) ? ` (${code})` : ''}`,
    {
      cause,
    },
  );
}

function outError(path: string, cause: unknown): ProdsimError {
  const code = (cause as NodeJS.ErrnoException)?.code;
  const why: Record<string, string> = {
    ENOENT: `its folder ${dirname(path)} does not exist`,
    ENOTDIR: `a part of its folder ${dirname(path)} is not a folder`,
    EISDIR: 'it is a folder, not a file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
  };
  const text = code && Object.hasOwn(why, code) ? `${why[code]} (${code})` : String((cause as Error)?.message ?? cause);
  return new ProdsimError(ErrorCodes.USAGE, `--out ${path}: cannot write the event file: ${text}`, { cause });
}
