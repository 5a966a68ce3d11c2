import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, gradesCsv, gradeTeam } from './grading.js';
import { KNOWN_START, knownLog } from './known-logs.js';
import { TeamLog } from './team-log.js';

const DAY = 86_400_000;

function load(team: 'good' | 'flaky'): TeamLog {
  const log = new TeamLog(team);
  for (const line of knownLog(team)) log.addText(line);
  return log;
}

describe('a team as the stream shows it (known answers)', () => {
  it('good: all answered, all personalised, latency 10..109 ms, uptake 0.3, one model update', () => {
    const f = load('good').window(KNOWN_START, KNOWN_START + 2 * DAY);
    expect(f).toMatchObject({ requests: 200, ok: 200, availability: 1, personalised: 1, answerChanges: 1, days: 2 });
    expect(f.statuses).toEqual({ 200: 200 });
    // Nearest rank over 10..109 twice: the 100th and 198th of 200 values.
    expect([f.latencyP50, f.latencyP99]).toEqual([59, 108]);
    expect(f.uptake).toBeCloseTo(0.3, 10);
  });

  it('flaky: half the requests time out, one list for everyone, no update', () => {
    const log = load('flaky');
    const f = log.window(KNOWN_START, KNOWN_START + 2 * DAY);
    expect(f).toMatchObject({ requests: 200, ok: 100, availability: 0.5, personalised: 0, uptake: 0, answerChanges: 0 });
    expect(f.statuses).toEqual({ 0: 100, 200: 100 });
    expect(f.latencyP99).toBe(800);
    expect(log.failures.at(-1)).toMatchObject({ status: 0, latencyMs: 800, text: expect.stringContaining('TimeoutException') });
  });

  it('a window holds only its hours', () => {
    const f = load('good').window(KNOWN_START + DAY, KNOWN_START + 2 * DAY);
    expect([f.requests, f.answerChanges, f.days]).toEqual([100, 0, 1]);
  });

  it('grades against the thresholds and writes one CSV row per team', () => {
    const t = { ...DEFAULT_THRESHOLDS, minAnswers: 150, maxP99Ms: 600 };
    const good = gradeTeam(load('good'), KNOWN_START, KNOWN_START + 2 * DAY, t);
    const flaky = gradeTeam(load('flaky'), KNOWN_START, KNOWN_START + 2 * DAY, t);
    expect(good.passed).toBe(true);
    expect(flaky.criteria.filter((c) => !c.passed).map((c) => c.name)).toEqual([
      'status-200 answers',
      'availability',
      'personalised answers',
      'latency p99 (ms)',
      'model updates (days the answers changed)',
    ]);
    const rows = gradesCsv([good, flaky]).trim().split('\n');
    expect(rows[0]).toBe(
      'team,from,to,requests,answers_200,availability,personalised,uptake,latency_p50_ms,latency_p95_ms,latency_p99_ms,answer_changes,days,passed,failed_criteria',
    );
    expect(rows[1]).toBe('good,2026-01-05T00:00:00.000Z,2026-01-07T00:00:00.000Z,200,200,1.0000,1.0000,0.3000,59,104,108,1,2,yes,');
    expect(rows[2]).toMatch(
      /^flaky,.*,200,100,0\.5000,0\.0000,0\.0000,50,800,800,0,2,no,status-200 answers; availability; personalised answers; latency p99 \(ms\); model updates/,
    );
  });
});
