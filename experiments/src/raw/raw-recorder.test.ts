import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResearchProbe } from '@prodsim/core';
// An independent reader: hyparquet reads what hyparquet-writer wrote, with its own decoder.
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { ArmSplit } from '../arms/arm-split.js';
import { RawRecorder } from './raw-recorder.js';
import { rawUnitFiles } from './raw-files.js';

const probe: ResearchProbe = { userCount: 3000, itemCount: 500, userGroup: () => 'all', itemDistance: () => 1, tasteDrift: () => 0 };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function read(path: string): Promise<Record<string, unknown>[]> {
  const b = readFileSync(path);
  return (await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer })) as Record<string, unknown>[];
}

describe('RawRecorder', () => {
  it("keeps each user's latest slate while its room grows, in users and in slate length", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-raw-recorder-'));
    dirs.push(dir);
    const split = new ArmSplit([{ name: 'all', share: 1 }], 'raw-recorder');
    const recorder = new RawRecorder(split, 0, 0, ['all'], [undefined], probe, dir, '0');
    // Users beyond the first room (1,024 users) and beyond the grown one, slates longer than the
    // rows so far, and an interaction on each user's slate only after the others grew the room.
    const users = [0, 5, 900, 1500, 2999];
    const slateOf = (u: number, length: number) => Array.from({ length }, (_, p) => (u * 7 + p * 13) % probe.itemCount);
    const lengths = [3, 8, 12, 20, 40];
    users.forEach((u, i) => recorder.slate(1000 + i, u, slateOf(u, lengths[i])));
    // Each user picks the item at position (user mod length); one item nobody was shown.
    users.forEach((u, i) => recorder.interaction(2000 + i, u, slateOf(u, lengths[i])[u % lengths[i]], true, 1, 0));
    recorder.interaction(3000, 42, 499, false, 1, 0);
    // A shorter slate replaces the longer one: positions come from the latest only.
    recorder.slate(4000, 2999, [1, 2]);
    recorder.interaction(4001, 2999, slateOf(2999, 40)[30], false, 1, 0);
    recorder.interaction(4002, 2999, 2, true, 1, 0);
    recorder.close();
    const rows = await read(rawUnitFiles(dir, '0').interactions);
    expect(rows.map((r) => [Number(r.user), r.position])).toEqual([...users.map((u, i) => [u, u % lengths[i]]), [42, -1], [2999, -1], [2999, 1]]);
    const slates = await read(rawUnitFiles(dir, '0').slates);
    expect(slates.map((s) => (s.items as number[]).length)).toEqual([...lengths, 2]);
  });
});
