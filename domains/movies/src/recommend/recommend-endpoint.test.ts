import { describe, expect, it } from 'vitest';
import { movieSlug } from '../text/slug.js';
import { createRecommendEndpoint } from './recommend-endpoint.js';

const known = new Map<string, number>(Array.from({ length: 30 }, (_, i) => [`movie+${i}+2000`, i]));
const endpoint = createRecommendEndpoint((id) => known.get(id) ?? -1);
const parse = (body: string) => {
  const p = endpoint.parseBody(body);
  return p.ok ? endpoint.validate(p.value, { userId: '1' }) : p;
};

describe('the recommend endpoint', () => {
  it('is GET /recommend/<userid> with an 800 ms deadline', () => {
    expect(endpoint.http.method).toBe('GET');
    expect(endpoint.http.path({ userId: '42' })).toBe('/recommend/42');
    expect(endpoint.defaultDeadlineMs).toBe(800);
  });

  it('reads a plain comma-separated list, trimming each id', () => {
    const r = parse(' movie+1+2000, movie+2+2000 ,movie+3+2000\n');
    expect(r).toEqual({ ok: true, value: { ids: ['movie+1+2000', 'movie+2+2000', 'movie+3+2000'], movies: [1, 2, 3] }, dropped: 0 });
  });

  it('takes every movie id the catalogue can make as an id, known or not', () => {
    // validate tries its id pattern only on unknown ids: it must accept all that movieSlug makes.
    const titles = [
      'Batman & Robin',
      'Monsters, Inc.',
      'Léon: The Professional',
      'Kill Bill: Vol. 1',
      '七人の侍',
      "Schindler's List",
      'WALL·E',
      '(500) Days of Summer',
    ];
    const ids = titles.map((t, i) => movieSlug(t, 1990 + i));
    const r = parse(ids.join(','));
    expect(r).toEqual({ ok: true, value: { ids, movies: [] }, dropped: ids.length });
  });

  it('keeps at most 20 ids and counts the rest as dropped', () => {
    const body = Array.from({ length: 25 }, (_, i) => `movie+${i}+2000`).join(',');
    const r = parse(body);
    expect(r.ok && r.value.ids.length).toBe(20);
    expect(r.ok && r.dropped).toBe(5);
  });

  it('drops and counts unknown ids, but logs what the service said', () => {
    const r = parse('movie+1+2000,no+such+movie+1999,movie+2+2000');
    expect(r).toEqual({ ok: true, value: { ids: ['movie+1+2000', 'no+such+movie+1999', 'movie+2+2000'], movies: [1, 2] }, dropped: 1 });
  });

  it('answers an empty body with an empty list', () => {
    expect(parse('')).toEqual({ ok: true, value: { ids: [], movies: [] }, dropped: 0 });
  });

  it.each([
    ['JSON array', '["movie+1+2000","movie+2+2000"]'],
    ['JSON object', '{"recommendations":["movie+1+2000"]}'],
    ['HTML', '<html><body>500 Internal Server Error</body></html>'],
    ['prose', 'Sorry, no recommendations for you today'],
    ['several lines', 'movie+1+2000\nmovie+2+2000'],
  ])('calls a %s answer malformed', (_kind, body) => {
    const r = parse(body);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/not|lines/);
  });

  it('validates in-process answers too (a list of strings, or the text itself)', () => {
    expect(endpoint.validate(['movie+1+2000'], { userId: '1' })).toMatchObject({ ok: true, value: { movies: [1] } });
    expect(endpoint.validate('movie+1+2000, movie+4+2000', { userId: '1' })).toMatchObject({ ok: true, value: { movies: [1, 4] } });
    expect(endpoint.validate([1, 2], { userId: '1' }).ok).toBe(false);
    expect(endpoint.validate({ ids: [] }, { userId: '1' }).ok).toBe(false);
    expect(endpoint.validate(null, { userId: '1' }).ok).toBe(false);
  });
});
