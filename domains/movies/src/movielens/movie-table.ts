import { MovieLensFormatError } from '../errors.js';

/** Growable movie rows while a movies file is read; refuses duplicate ids. */
export class MovieTable {
  readonly ids: number[] = [];
  readonly titles: string[] = [];
  readonly years: number[] = [];
  readonly masks: number[] = [];
  readonly index = new Map<number, number>();

  add(file: string, line: number, id: number, title: string, year: number | undefined, mask: number): void {
    if (this.index.has(id)) throw new MovieLensFormatError(file, line, `movie id ${id} appears twice`);
    this.index.set(id, this.ids.length);
    this.ids.push(id);
    this.titles.push(title);
    this.years.push(year ?? 0);
    this.masks.push(mask);
  }

  get count(): number {
    return this.ids.length;
  }

  columns(): { count: number; ids: Int32Array; titles: string[]; years: Int16Array; genreMasks: Uint32Array } {
    return {
      count: this.count,
      ids: Int32Array.from(this.ids),
      titles: this.titles,
      years: Int16Array.from(this.years),
      genreMasks: Uint32Array.from(this.masks),
    };
  }
}

/** Dense indices for user ids met in a ratings file (ml-latest has no users file). */
export class IdIndex {
  readonly ids: number[] = [];
  readonly map = new Map<number, number>();

  indexOf(id: number): number {
    let i = this.map.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.map.set(id, i);
      this.ids.push(id);
    }
    return i;
  }
}
