import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
  });

  it('surfaces a write failure instead of losing events silently', async () => {
    const sink = new FileSink('/nonexistent-dir/events.log');
    sink.publish('t', null, 'x');
    await expect(sink.flush()).rejects.toThrow(/ENOENT/);
  });
});

function i(line: string): number {
  return Number(line.split(',')[1]);
}
