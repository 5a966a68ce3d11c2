import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { CHECKPOINT_FORMAT, decodeCheckpoint, encodeCheckpoint, writeFileAtomically, type CheckpointHeader } from './checkpoint-file.js';
import { CheckpointStore } from './checkpoint-store.js';

const header: CheckpointHeader = { format: CHECKPOINT_FORMAT, core: '0.1.0', kind: 'state', domain: 'movies/v1', snapshotVersion: 1, sequence: 3 };
const state = { ages: new Uint8Array([17, 40, 66]), drift: new Float32Array([0.25, -1.5]), names: ['a', 'b'], taken: new Map([[3, 9]]), now: 1.5e12 };

describe('checkpoint files', () => {
  it('round-trips a state with typed arrays, Maps and numbers, and shows its header as text', () => {
    const bytes = Buffer.concat(encodeCheckpoint(header, state));
    expect(bytes.toString('utf8', 0, 200).split('\n')[1]).toBe(JSON.stringify(header));
    const read = decodeCheckpoint(bytes, 'x');
    expect(read.header).toEqual(header);
    expect(read.state).toEqual(state);
  });

  it('refuses a damaged file and one of another format, each with its own code', () => {
    const bytes = Buffer.concat(encodeCheckpoint(header, state));
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 3] ^= 0xff;
    expect(() => decodeCheckpoint(flipped, 'f')).toThrow(
      expect.objectContaining({ code: ErrorCodes.CHECKPOINT_CORRUPT, message: expect.stringContaining('checksum') }),
    );
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 10), 'f')).toThrow(expect.objectContaining({ code: ErrorCodes.CHECKPOINT_CORRUPT }));
    expect(() => decodeCheckpoint(Buffer.from('hello\n'), 'f')).toThrow(expect.objectContaining({ code: ErrorCodes.CHECKPOINT_CORRUPT }));
    const future = Buffer.concat(encodeCheckpoint({ ...header, format: CHECKPOINT_FORMAT + 1 }, state));
    expect(() => decodeCheckpoint(future, 'f')).toThrow(expect.objectContaining({ code: ErrorCodes.CHECKPOINT_INCOMPATIBLE }));
  });

  it('writes atomically: a private file, complete, no temporary left behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-ckpt-'));
    const path = join(dir, 'a.prodsim');
    writeFileSync(path, 'old');
    writeFileAtomically(path, [Buffer.from('new '), Buffer.from('content')]);
    expect(readFileSync(path, 'utf8')).toBe('new content');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['a.prodsim']);
    expect(() => writeFileAtomically(join(dir, 'missing', 'b'), [Buffer.from('x')])).toThrow(expect.objectContaining({ code: ErrorCodes.CHECKPOINT_WRITE }));
  });
});

describe('checkpoint folders', () => {
  it('keeps a run manifest and numbered checkpoints per world, refuses another run and another snapshot version', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'prodsim-ckpt-')), 'run');
    const manifest = { config: { seed: 's3cret' } as never, domainConfig: { users: 10 } };
    const store = CheckpointStore.create(dir, 'movies/v1', 2, manifest);
    store.save();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const unit = store.unit('team01');
    for (const n of [1, 2, 3]) unit.write(n, Date.UTC(2026, 0, n), { n });
    unit.prune(2);
    expect(unit.sequences()).toEqual([2, 3]);
    expect(unit.read(3).state).toEqual({ n: 3 });
    expect(() => CheckpointStore.create(dir, 'movies/v1', 2, manifest)).toThrow(
      expect.objectContaining({ code: ErrorCodes.USAGE, message: expect.stringContaining('--resume') }),
    );
    const opened = CheckpointStore.open(dir, () => 2);
    expect(opened.manifest).toEqual(manifest);
    expect(opened.unit('team01').sequences()).toEqual([2, 3]);
    expect(opened.unit().sequences()).toEqual([]);
    expect(() => CheckpointStore.open(dir, () => 3)).toThrow(expect.objectContaining({ code: ErrorCodes.CHECKPOINT_INCOMPATIBLE }));
    expect(() => CheckpointStore.open(join(dir, 'nothing'), () => 2)).toThrow(expect.objectContaining({ code: ErrorCodes.CHECKPOINT_CORRUPT }));
    expect(existsSync(join(dir, 'teams', 'team01', '000001.prodsim'))).toBe(false);
  });
});
