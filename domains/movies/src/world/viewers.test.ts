import { describe, expect, it } from 'vitest';
import { VIEWER, VIEWER_MARK, VIEWER_STRIDE, VIEWER_VALUE, Viewers } from './viewers.js';

describe('Viewers', () => {
  it('hands out records, reuses the last one given back first, and keeps each record whole as it grows', () => {
    const viewers = new Viewers();
    const records = Array.from({ length: 3_000 }, (_, u) => viewers.open(u));
    expect(records.slice(0, 3)).toEqual([0, 1, 2]);
    for (const r of records) {
      viewers.records[r * VIEWER_STRIDE + VIEWER.movie] = r * 7;
      viewers.setValue(r, VIEWER_VALUE.enjoy, r / 4);
      viewers.setMark(r, VIEWER_MARK.pendingRating, r % 10);
    }
    // Past the first 1,024 records the arrays grew: every record still holds what was written.
    let broken = 0;
    for (const r of records)
      if (
        viewers.user(r) !== r ||
        viewers.records[r * VIEWER_STRIDE + VIEWER.movie] !== r * 7 ||
        viewers.value(r, VIEWER_VALUE.enjoy) !== r / 4 ||
        viewers.mark(r, VIEWER_MARK.pendingRating) !== r % 10
      )
        broken++;
    expect(broken).toBe(0);
    viewers.close(5);
    viewers.close(9);
    expect([viewers.open(100), viewers.open(101), viewers.open(102)]).toEqual([9, 5, 3_000]);
    expect(viewers.user(9)).toBe(100);
  });
});
