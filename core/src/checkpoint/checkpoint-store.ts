import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes, ProdsimError } from '../errors.js';
import type { RunConfigBase } from '../run/run-config.js';
import { CORE_VERSION } from '../version.js';
import { CHECKPOINT_FORMAT, decodeCheckpoint, encodeCheckpoint, writeFileAtomically, type CheckpointHeader } from './checkpoint-file.js';

/** What a checkpoint folder was made for: the whole configuration, so that `--resume DIR` needs nothing else. */
export interface RunManifest {
  config: RunConfigBase;
  domainConfig: unknown;
  /** The run's identity, random when it started and kept across resumes (transports number messages under it). */
  runId?: string;
}

const MANIFEST = 'run.prodsim';
const NAME = /^(\d{6,})\.prodsim$/;

/**
 * A checkpoint folder: the run's manifest, and one sub-folder of numbered checkpoints per world
 * (`world/` for a single run, `teams/<name>/` in course mode). Files are private (0600, folders
 * 0700): the manifest holds the seed and the teams' tokens, the states hold the hidden truth.
 */
export class CheckpointStore {
  private constructor(
    readonly dir: string,
    readonly domain: string,
    readonly snapshotVersion: number,
    readonly manifest: RunManifest,
  ) {}

  /**
   * A folder for a new run's checkpoints, made (0700) if need be; refuses one that already holds a
   * run (resume it instead). The manifest is written by `save`, once the run has started.
   */
  static create(dir: string, domain: string, snapshotVersion: number, manifest: RunManifest): CheckpointStore {
    if (existsSync(join(dir, MANIFEST))) {
      throw new ProdsimError(
        ErrorCodes.USAGE,
        `--checkpoint ${dir} already holds a run's checkpoints: continue it with --resume ${dir}, or choose another folder`,
      );
    }
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    } catch (cause) {
      throw new ProdsimError(ErrorCodes.USAGE, `--checkpoint ${dir}: cannot use it as a folder (${(cause as Error).message})`, { cause });
    }
    return new CheckpointStore(dir, domain, snapshotVersion, manifest);
  }

  /** Writes the manifest: from now on `--resume` can continue the run. */
  save(): void {
    const header: CheckpointHeader = {
      format: CHECKPOINT_FORMAT,
      core: CORE_VERSION,
      kind: 'manifest',
      domain: this.domain,
      snapshotVersion: this.snapshotVersion,
      sequence: 0,
    };
    writeFileAtomically(join(this.dir, MANIFEST), encodeCheckpoint(header, this.manifest));
  }

  /**
   * Opens a folder to resume: its manifest, checked against what this build can continue (the
   * domain must be registered, `expected` gives its snapshot version).
   */
  static open(dir: string, expected: (domain: string) => number): CheckpointStore {
    const path = join(dir, MANIFEST);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (cause) {
      const why = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'it holds no run.prodsim (was it made with --checkpoint?)' : (cause as Error).message;
      throw new ProdsimError(ErrorCodes.CHECKPOINT_CORRUPT, `--resume ${dir}: ${why}`, { cause });
    }
    const { header, state } = decodeCheckpoint(bytes, path);
    const version = expected(header.domain);
    if (header.snapshotVersion !== version) throw incompatible(path, header, version);
    return new CheckpointStore(dir, header.domain, version, state as RunManifest);
  }

  /** The numbered checkpoints of one world: the single run's, or a team's. */
  unit(team?: string): CheckpointUnit {
    const folder = team === undefined ? join(this.dir, 'world') : join(this.dir, 'teams', team);
    return new CheckpointUnit(folder, this.domain, this.snapshotVersion, team);
  }
}

export class CheckpointUnit {
  constructor(
    readonly folder: string,
    private readonly domain: string,
    private readonly snapshotVersion: number,
    private readonly team: string | undefined,
  ) {}

  /** Sequence numbers present, oldest first (leftovers of a write cut short are not checkpoints). */
  sequences(): number[] {
    if (!existsSync(this.folder)) return [];
    return readdirSync(this.folder)
      .map((f) => NAME.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  path(sequence: number): string {
    return join(this.folder, `${String(sequence).padStart(6, '0')}.prodsim`);
  }

  write(sequence: number, simulatedTime: number, state: unknown): string {
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    const header: CheckpointHeader = {
      format: CHECKPOINT_FORMAT,
      core: CORE_VERSION,
      kind: 'state',
      domain: this.domain,
      snapshotVersion: this.snapshotVersion,
      sequence,
      simulatedTime: new Date(simulatedTime).toISOString(),
      ...(this.team === undefined ? {} : { team: this.team }),
    };
    const path = this.path(sequence);
    writeFileAtomically(path, encodeCheckpoint(header, state));
    return path;
  }

  /** One checkpoint's state, checked to be of this run's domain, team and snapshot version. */
  read(sequence: number): { header: CheckpointHeader; state: unknown } {
    const path = this.path(sequence);
    const read = decodeCheckpoint(readFileSync(path), path);
    const { header } = read;
    if (header.kind !== 'state' || header.domain !== this.domain || header.team !== this.team || header.sequence !== sequence) {
      throw new ProdsimError(
        ErrorCodes.CHECKPOINT_INCOMPATIBLE,
        `checkpoint ${path} is checkpoint ${header.sequence} of ${header.domain}${header.team ? ` team ${header.team}` : ''}, not one of this run's`,
      );
    }
    if (header.snapshotVersion !== this.snapshotVersion) throw incompatible(path, header, this.snapshotVersion);
    return read;
  }

  /** Keeps the newest `keep` checkpoints and removes the rest, and any write cut short. */
  prune(keep: number): void {
    const all = this.sequences();
    for (const n of all.slice(0, Math.max(0, all.length - keep))) unlinkSync(this.path(n));
    for (const f of readdirSync(this.folder)) if (f.startsWith('.') && f.endsWith('.tmp')) unlinkSync(join(this.folder, f));
  }
}

function incompatible(path: string, header: CheckpointHeader, version: number): ProdsimError {
  return new ProdsimError(
    ErrorCodes.CHECKPOINT_INCOMPATIBLE,
    `checkpoint ${path} holds ${header.domain} state of snapshot version ${header.snapshotVersion}; this build's ${header.domain} reads version ${version}`,
  );
}
