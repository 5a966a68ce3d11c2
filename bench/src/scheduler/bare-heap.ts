/**
 * The baseline: a bare binary min-heap over two typed arrays (time, id) with no priorities, no
 * handler dispatch, no cancellation: the floor that the scheduler's overhead is measured against.
 */
export class BareHeap {
  times: Float64Array;
  ids: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  push(time: number, id: number): void {
    if (this.size === this.times.length) {
      const t = new Float64Array(this.size * 2);
      t.set(this.times);
      this.times = t;
      const i = new Int32Array(this.size * 2);
      i.set(this.ids);
      this.ids = i;
    }
    const times = this.times;
    const ids = this.ids;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (times[p] <= time) break;
      times[i] = times[p];
      ids[i] = ids[p];
      i = p;
    }
    times[i] = time;
    ids[i] = id;
  }

  /** Removes the head and returns its id; read its time from times[0] first. */
  pop(): number {
    const times = this.times;
    const ids = this.ids;
    const top = ids[0];
    const n = --this.size;
    const time = times[n];
    const id = ids[n];
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      if (c + 1 < n && times[c + 1] < times[c]) c++;
      if (time <= times[c]) break;
      times[i] = times[c];
      ids[i] = ids[c];
      i = c;
    }
    times[i] = time;
    ids[i] = id;
    return top;
  }
}
