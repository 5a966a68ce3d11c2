import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { FileSink } from './file-sink.js';

describe('FileSink', () => {
  it('writes one line per event, in order, across batch boundaries, and flushes on close', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'prodsim-sink-')), 'events.log');
    const sink = new FileSink(path, 100);
    const lines = Array.from({ length: 5000 }, (_, i) => `2026-01-05T00:00:${String(i % 60).padStart(2, '0')},${i},GET /data/m/x+2001/${i}.mpg`);
    for (const line of lines) {
      const wait = sink.publish('movielog1', String(i(line)), line);
      if (wait) await wait;
    }
    await sink.close();
    expect(readFileSync(path, 'utf8')).toBe(`${lines.join('\n')}\n`);
    expect(sink.written).toBe(5000);
    expect(sink.delivered).toBe(5000);
    expect(sink.failed).toBeUndefined();
  });

  it('counts as delivered only the lines the file system has taken: a batch still gathering is not', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'prodsim-sink-')), 'events.log');
    const sink = new FileSink(path);
    sink.publish('t', null, 'one');
    sink.publish('t', null, 'two');
    expect([sink.written, sink.delivered]).toEqual([2, 0]);
    await sink.flush();
    expect([sink.written, sink.delivered]).toEqual([2, 2]);
    await sink.close();
  });

  it('names what is wrong with the file before anything is written: missing folder, a folder, no space', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-sink-'));
    const refused = (path: string, why: string) =>
      expect(() => new FileSink(path)).toThrow(
        expect.objectContaining({ code: ErrorCodes.USAGE, message: expect.stringContaining(`--out ${path}: cannot write the event file: ${why}`) }),
      );
    refused(join(dir, 'missing', 'events.log'), `its folder ${join(dir, 'missing')} does not exist (ENOENT)`);
    refused(dir, 'it is a folder, not a file (EISDIR)');
    if (existsSync('/dev/full')) refused('/dev/full', 'no space left on the device (ENOSPC)');
  });

  it('continues a file from a checkpoint: cut back to its length there, then appended', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'prodsim-sink-')), 'events.log');
    const first = new FileSink(path);
    first.publish('t', null, 'one');
    first.publish('t', null, 'two');
    const bytes = await first.sync();
    first.publish('t', null, 'lost in a crash');
    await first.close();
    expect(bytes).toBe(8);
    const resumed = new FileSink(path, { resumeAt: bytes });
    resumed.publish('t', null, 'three');
    await resumed.close();
    expect(readFileSync(path, 'utf8')).toBe('one\ntwo\nthree\n');
    expect(() => new FileSink(path, { resumeAt: 1000 })).toThrow(expect.objectContaining({ code: ErrorCodes.CHECKPOINT_CORRUPT }));
  });
});

function i(line: string): number {
  return Number(line.split(',')[1]);
}
