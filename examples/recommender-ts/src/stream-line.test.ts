import { describe, expect, it } from 'vitest';
import { parseLine } from './stream-line.js';

describe('parseLine', () => {
  it('reads the course samples', () => {
    expect(parseLine('2020-06-25T13:44:14,601844,GET /data/m/goyas+ghosts+2006/17.mpg')).toEqual({
      kind: 'watch',
      time: '2020-06-25T13:44:14',
      user: '601844',
      movie: 'goyas+ghosts+2006',
      minute: 17,
    });
    expect(parseLine('2022-10-06T01:31:18,230550,GET /rate/narc+2002=4')).toEqual({
      kind: 'rate',
      time: '2022-10-06T01:31:18',
      user: '230550',
      movie: 'narc+2002',
      rating: 4,
    });
    expect(
      parseLine(
        '2024-02-27T18:45:18.198010,145051,recommendation request 17645-team05.isri.cmu.edu:8082, status 200, result: rashomon+1950, the+apartment+1960, 140 ms',
      ),
    ).toEqual({ kind: 'recommendation', time: '2024-02-27T18:45:18.198010', user: '145051', status: 200 });
    expect(
      parseLine(
        '2022-02-09T01:45:32.945123,284507,recommendation request team17:8082, status 0, result: java.util.concurrent.TimeoutException: Request timeout to x:8082 after 800 ms, 815 ms',
      ),
    ).toMatchObject({ kind: 'recommendation', status: 0 });
    expect(parseLine('2026-01-05T08:00:00,7,GET /create_account')).toEqual({ kind: 'account', time: '2026-01-05T08:00:00', user: '7' });
    expect(parseLine('2020-01-01T00:00:00,1,GET /data/m/monsters_+inc.+2001/1.mpg')).toMatchObject({ movie: 'monsters_+inc.+2001', minute: 1 });
  });

  it.each([
    ['empty', ''],
    ['no fields', 'garbage'],
    ['missing user', '2020-06-25T13:44:14,,GET /data/m/x+2000/1.mpg'],
    ['user not a number', '2020-06-25T13:44:14,abc,GET /data/m/x+2000/1.mpg'],
    ['bad time', 'yesterday,5,GET /data/m/x+2000/1.mpg'],
    ['minute not a number', '2020-06-25T13:44:14,5,GET /data/m/x+2000/one.mpg'],
    ['renamed path', '2020-06-25T13:44:14,5,GET /data/movie/x+2000/1.mpg'],
    ['extra field', '2020-06-25T13:44:14,5,GET /data/m/x+2000/1.mpg,ios'],
    ['rating not a number', '2020-06-25T13:44:14,5,GET /rate/x+2000=five'],
    ['upper-case movie id', '2020-06-25T13:44:14,5,GET /rate/X+2000=4'],
    ['status missing', '2024-02-27T18:45:18.198010,5,recommendation request host:8082, result: a, 1 ms'],
    ['JSON', '{"user":5,"movie":"x+2000"}'],
  ])('rejects a malformed line (%s)', (_name, line) => {
    expect(parseLine(line)).toBeUndefined();
  });
});
