import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { ErrorCodes, ProdsimError } from '../errors.js';

/**
 * The checkpoint file format. A file is: a text line naming it, a JSON header line (readable with
 * `head -2`), then the CRC-32 and length of the payload, then the payload: the state as a V8
 * structured-clone (typed arrays are copied as they are, so a world's arrays cost their bytes).
 *
 * Version 1. A change to what core puts in a checkpoint (the scheduler's, gateway's or sink's
 * state) must raise CHECKPOINT_FORMAT; a domain's own state is versioned by its plugin
 * (`DomainPlugin.snapshotVersion`). A checkpoint of another version is refused, never guessed at.
 */
export const CHECKPOINT_FORMAT = 2;
const MAGIC = 'prodsim checkpoint\n';

export interface CheckpointHeader {
  /** CHECKPOINT_FORMAT of the build that wrote it. */
  format: number;
  /** The @prodsim/core version that wrote it (informative). */
  core: string;
  /** What the file holds: a run's manifest or one world's state. */
  kind: 'manifest' | 'state';
  /** The domain plugin id, e.g. movies/v1. */
  domain: string;
  /** The domain's snapshot version (`DomainPlugin.snapshotVersion`, default 1). */
  snapshotVersion: number;
  /** Checkpoints of one run count up from 1 (0 for a manifest). */
  sequence: number;
  /** The simulated time of the state, ISO 8601. */
  simulatedTime?: string;
  team?: string;
}

/** The file's bytes: magic, header line, CRC-32 and length of the payload (8 bytes), payload. */
export function encodeCheckpoint(header: CheckpointHeader, state: unknown): Buffer[] {
  const payload = serialize(state);
  const head = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
  const sums = Buffer.alloc(12);
  sums.writeUInt32BE(crc32(payload), 0);
  sums.writeBigUInt64BE(BigInt(payload.length), 4);
  return [head, sums, payload];
}

/** Reads a file's header and state; a damaged file is a coded error naming it and what is wrong. */
export function decodeCheckpoint(bytes: Buffer, path: string): { header: CheckpointHeader; state: unknown } {
  const corrupt = (what: string) => new ProdsimError(ErrorCodes.CHECKPOINT_CORRUPT, `checkpoint ${path} is damaged: ${what}`);
  if (bytes.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) throw corrupt('it does not start as a prodsim checkpoint');
  const end = bytes.indexOf(0x0a, MAGIC.length);
  if (end < 0) throw corrupt('its header line is cut off');
  let header: CheckpointHeader;
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as CheckpointHeader;
  } catch {
    throw corrupt('its header is not JSON');
  }
  if (header.format !== CHECKPOINT_FORMAT) {
    throw new ProdsimError(
      ErrorCodes.CHECKPOINT_INCOMPATIBLE,
      `checkpoint ${path} has format ${header.format} (written by prodsim core ${header.core}); this build reads format ${CHECKPOINT_FORMAT} only`,
    );
  }
  const sums = bytes.subarray(end + 1, end + 13);
  if (sums.length < 12) throw corrupt('it is cut off after the header');
  const length = Number(sums.readBigUInt64BE(4));
  const payload = bytes.subarray(end + 13);
  if (payload.length !== length) throw corrupt(`its payload has ${payload.length} bytes, the header says ${length}`);
  if (crc32(payload) !== sums.readUInt32BE(0)) throw corrupt('its checksum does not match');
  return { header, state: deserialize(payload) };
}

/**
 * Writes a file so that a crash at any moment leaves either the old file or the complete new one:
 * a temporary file beside it, fsync, rename over, fsync of the folder (so the rename survives a
 * power cut too). Synchronous: the run is paused while a checkpoint is written anyway.
 */
export function writeFileAtomically(path: string, chunks: readonly Uint8Array[], mode = 0o600): void {
  const temp = `${dirname(path)}/.${basename(path)}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'w', mode);
    for (const chunk of chunks) {
      let at = 0;
      while (at < chunk.length) at += writeSync(fd, chunk, at, chunk.length - at);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
    syncFolder(dirname(path));
  } catch (cause) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Nothing to remove.
    }
    throw new ProdsimError(ErrorCodes.CHECKPOINT_WRITE, `cannot write checkpoint ${path}: ${(cause as Error).message}`, { cause });
  }
}

/** Makes a folder's entries (a rename, a new file) durable. */
export function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
