import { describe, expect, it } from 'vitest';
import { Recommender } from './recommender.js';

let second = 0;
const watch = (user: number, movie: string, minute = 1) =>
  `2026-01-05T10:00:${String(second++ % 60).padStart(2, '0')},${user},GET /data/m/${movie}/${minute}.mpg`;

/** Feeds a user's viewing: each movie as a few minute lines, in order. */
function views(r: Recommender, user: number, movies: string[]): void {
  for (const movie of movies) for (let minute = 1; minute <= 3; minute++) r.handleLine(watch(user, movie, minute));
}

describe('Recommender', () => {
  it('counts a view per started movie, not per minute line (pauses and rewinds continue it)', () => {
    const r = new Recommender();
    views(r, 1, ['a+2000']);
    r.handleLine(watch(1, 'a+2000', 1)); // rewind to the start
    r.handleLine(watch(1, 'a+2000', 2));
    expect(r.stats).toMatchObject({ lines: 5, views: 1, malformed: 0 });
    views(r, 2, ['a+2000']);
    expect(r.popularity.count('a+2000')).toBe(2);
  });

  it('counts and skips malformed lines without learning from them', () => {
    const r = new Recommender();
    r.handleLine('not a line');
    r.handleLine('2026-01-05T10:00:00,x,GET /data/m/a+2000/1.mpg');
    r.handleLine('2026-01-05T10:00:00,4,GET /rate/a+2000=4');
    expect(r.stats).toMatchObject({ lines: 3, malformed: 2, ratings: 1, views: 0 });
    expect(r.popularity.movies).toBe(0);
  });

  it('answers a user it has never seen with the most popular movies, best first', () => {
    const r = new Recommender({ listSize: 3 });
    views(r, 1, ['a+2000', 'b+2000', 'c+2000']);
    views(r, 2, ['b+2000', 'c+2000']);
    views(r, 3, ['c+2000', 'd+2000']);
    expect(r.recommend('99')).toEqual(['c+2000', 'b+2000', 'a+2000']);
  });

  it('personalises: movies co-viewed with what the user watched come first, watched ones never', () => {
    const r = new Recommender({ listSize: 3 });
    // Two tastes: x-fans watch x1..x3, y-fans watch y1..y3; y movies are more popular overall.
    for (let u = 1; u <= 3; u++) views(r, u, ['x1+2000', 'x2+2000', 'x3+2000']);
    for (let u = 10; u <= 16; u++) views(r, u, ['y1+2000', 'y2+2000', 'y3+2000']);
    views(r, 50, ['x1+2000']);
    const list = r.recommend('50');
    expect(list.slice(0, 2).sort()).toEqual(['x2+2000', 'x3+2000']);
    expect(list).not.toContain('x1+2000');
    expect(r.stats.personalised).toBe(1);
    // A y-fan gets y movies, not the x ones.
    views(r, 51, ['y2+2000']);
    expect(r.recommend('51').slice(0, 2).sort()).toEqual(['y1+2000', 'y3+2000']);
  });

  it('ignores pairs co-viewed only once (chance), answering popularity instead', () => {
    const r = new Recommender({ listSize: 2 });
    views(r, 1, ['rare1+2000', 'rare2+2000']);
    for (let u = 2; u <= 4; u++) views(r, u, ['hit1+2000', 'hit2+2000']);
    views(r, 5, ['rare1+2000']);
    expect(r.recommend('5')).toEqual(['hit1+2000', 'hit2+2000']);
    expect(r.stats.personalised).toBe(0);
    views(r, 6, ['rare1+2000', 'rare2+2000']); // a second co-view: now it counts
    expect(r.recommend('5')[0]).toBe('rare2+2000');
  });

  it('does not show the same list twice in a row (users skip a list they have seen)', () => {
    const r = new Recommender({ listSize: 2 });
    views(r, 1, ['a+2000', 'b+2000', 'c+2000', 'd+2000']);
    views(r, 2, ['a+2000', 'b+2000', 'c+2000']);
    views(r, 3, ['a+2000', 'b+2000']);
    const first = r.recommend('7');
    const second = r.recommend('7');
    expect(first).toEqual(['a+2000', 'b+2000']);
    expect(second).toEqual(['c+2000', 'd+2000']);
    expect(r.recommend('7')).toEqual(first);
  });

  it('never answers more than the list size, and answers an empty list before it has learnt anything', () => {
    const r = new Recommender();
    expect(r.recommend('1')).toEqual([]);
    for (let m = 0; m < 40; m++) views(r, m, [`m${m}+2000`]);
    expect(r.recommend('1')).toHaveLength(20);
  });
});
