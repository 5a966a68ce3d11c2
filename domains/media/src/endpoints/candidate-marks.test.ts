import { describe, expect, it } from 'vitest';
import { CandidateMarks } from './candidate-marks.js';

describe('CandidateMarks', () => {
  it('takes each candidate once and nothing else', () => {
    const marks = new CandidateMarks();
    marks.reset([5, 3, 9]);
    expect(marks.take(3)).toBe(true);
    expect(marks.take(3)).toBe(false);
    expect(marks.take(4)).toBe(false);
    expect(marks.take(5000)).toBe(false);
    expect(marks.take(9)).toBe(true);
    expect(marks.take(5)).toBe(true);
  });

  it('forgets the last request at a reset, taken or not', () => {
    const marks = new CandidateMarks();
    marks.reset([1, 2]);
    marks.take(1);
    marks.reset([2, 7]);
    expect(marks.take(1)).toBe(false);
    expect(marks.take(2)).toBe(true);
    expect(marks.take(7)).toBe(true);
  });

  it('grows for large ids and keeps working', () => {
    const marks = new CandidateMarks();
    marks.reset([10, 200_000]);
    expect(marks.take(200_000)).toBe(true);
    expect(marks.take(10)).toBe(true);
    marks.reset([3]);
    expect(marks.take(200_000)).toBe(false);
    expect(marks.take(3)).toBe(true);
  });

  it('holds ids beyond 2^24 in a set for that request', () => {
    const marks = new CandidateMarks();
    const big = 2 ** 40;
    marks.reset([big, 4]);
    expect(marks.take(4)).toBe(true);
    expect(marks.take(big)).toBe(true);
    expect(marks.take(big)).toBe(false);
    marks.reset([4]);
    expect(marks.take(big)).toBe(false);
    expect(marks.take(4)).toBe(true);
  });
});
