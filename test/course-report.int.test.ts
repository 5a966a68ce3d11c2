import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort, runCli } from './support/cli-e2e.js';

// `prodsim course report --log TOPIC` as course staff run it after a week of the course: the teams'
// streams read back from Kafka (the dev broker on 127.0.0.1:9092, PRODSIM_BROKERS=1) must grade
// exactly as the same runs' event files do (read until 8 s pass with nothing new, generous for a
// loaded CI machine). One team's service is down the whole time.
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}`;

describe('prodsim course report from Kafka topics', () => {
  it('grades two teams from their topics as from their event files; the team whose service is down fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-report-topics-'));
    const topics = { good: unique('movielog-report-good'), down: unique('movielog-report-down') };
    const base = ['run', 'movies', '--transport', 'kafka', '--days', '2', '--users', '500', '--no-progress'];
    const runs = await Promise.all([
      runCli([...base, '--set', `movies.topic=${topics.good}`, '--out', join(dir, 'good.log')]).done,
      runCli([...base, '--set', `movies.topic=${topics.down}`, '--out', join(dir, 'down.log'), '--predictor', `http://127.0.0.1:${await closedPort()}`]).done,
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);

    const report = (out: string, logs: string[]) =>
      runCli(['course', 'report', ...logs.flatMap((l) => ['--log', l]), '--out', join(dir, out), '--min-answers', '100', '--idle-ms', '8000']).done;
    const [fromTopics, fromFiles] = await Promise.all([
      report('topics', [`good=${topics.good}`, `down=${topics.down}`]),
      report('files', [join(dir, 'good.log'), join(dir, 'down.log')]),
    ]);
    expect(fromTopics.code, fromTopics.stderr).toBe(0);
    expect(fromFiles.code, fromFiles.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'topics', 'grades.csv'), 'utf8');
    expect(csv).toBe(readFileSync(join(dir, 'files', 'grades.csv'), 'utf8'));

    // Counted here from the event file on its own: the answers with status 200, and all requests.
    const lines = readFileSync(join(dir, 'good.log'), 'utf8').split('\n');
    const requests = lines.filter((l) => /^[^,]+,\d+,recommendation request /.test(l));
    const ok = requests.filter((l) => l.includes(', status 200, '));
    const rows = Object.fromEntries(
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((r) => [r.split(',')[0], r.split(',')]),
    );
    // team,from,to,requests,answers_200,availability,...,passed
    expect(rows.good.slice(3, 6)).toEqual([String(requests.length), String(ok.length), '1.0000']);
    expect(ok.length).toBeGreaterThan(100);
    expect(rows.down[4]).toBe('0');
    expect(rows.down[5]).toBe('0.0000');
    expect(Number(rows.down[3])).toBeGreaterThan(100);
    expect(rows.down[13]).toBe('no');
    expect(fromTopics.stdout).toMatch(/^down\s+not passed\s+0 answers, availability 0\.0%/m);
  }, 240_000);
});
