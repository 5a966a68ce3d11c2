import type { TeamLog, WindowFigures } from './team-log.js';

/** The course's milestone criteria; each can be set on the command line. */
export interface Thresholds {
  /** Status-200 answers in the window at least. */
  minAnswers: number;
  /** Share of requests answered with status 200 at least. */
  minAvailability: number;
  /** Share of answers personalised (a list no other user got that hour) at least. */
  minPersonalised: number;
  /** 99th percentile of response time at most, ms. */
  maxP99Ms: number;
  /** Days on which the answers changed (model updates seen from outside) at least. */
  minUpdates: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { minAnswers: 1000, minAvailability: 0.95, minPersonalised: 0.5, maxP99Ms: 800, minUpdates: 1 };

export interface Criterion {
  name: string;
  value: number;
  threshold: number;
  passed: boolean;
}

export interface TeamGrade {
  team: string;
  figures: WindowFigures;
  criteria: Criterion[];
  passed: boolean;
}

/** Grades one team's stream over [from, to) against the thresholds. */
export function gradeTeam(log: TeamLog, from: number, to: number, t: Thresholds): TeamGrade {
  const f = log.window(from, to);
  const at = (name: string, value: number, threshold: number, atLeast: boolean): Criterion => ({
    name,
    value,
    threshold,
    passed: Number.isFinite(value) && (atLeast ? value >= threshold : value <= threshold),
  });
  const criteria = [
    at('status-200 answers', f.ok, t.minAnswers, true),
    at('availability', f.availability, t.minAvailability, true),
    at('personalised answers', f.personalised, t.minPersonalised, true),
    at('latency p99 (ms)', f.latencyP99, t.maxP99Ms, false),
    at('model updates (days the answers changed)', f.answerChanges, t.minUpdates, true),
  ];
  return { team: log.team, figures: f, criteria, passed: criteria.every((c) => c.passed) };
}

const COLUMNS = [
  'team',
  'from',
  'to',
  'requests',
  'answers_200',
  'availability',
  'personalised',
  'uptake',
  'latency_p50_ms',
  'latency_p95_ms',
  'latency_p99_ms',
  'answer_changes',
  'days',
  'passed',
  'failed_criteria',
] as const;

/** One row per team, numbers unrounded but for shares (4 decimals); `NaN` where nothing was asked. */
export function gradesCsv(grades: readonly TeamGrade[]): string {
  const rows = grades.map((g) => {
    const f = g.figures;
    const share = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'NaN');
    return [
      g.team,
      new Date(f.from).toISOString(),
      new Date(f.to).toISOString(),
      f.requests,
      f.ok,
      share(f.availability),
      share(f.personalised),
      share(f.uptake),
      f.latencyP50,
      f.latencyP95,
      f.latencyP99,
      f.answerChanges,
      f.days,
      g.passed ? 'yes' : 'no',
      g.criteria
        .filter((c) => !c.passed)
        .map((c) => c.name)
        .join('; '),
    ].map(csvField);
  });
  return `${[COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A self-contained page: thresholds, then each team's criteria, passed in green and failed in red. */
export function gradesHtml(grades: readonly TeamGrade[], t: Thresholds, from: number, to: number): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const show = (name: string, v: number) =>
    !Number.isFinite(v)
      ? 'n/a'
      : name.includes('availability') || name.includes('personalised')
        ? `${(100 * v).toFixed(1)}%`
        : String(Math.round(v * 100) / 100);
  const team = (g: TeamGrade) => `<section class="team" data-team="${esc(g.team)}" data-passed="${g.passed}">
<h2>${esc(g.team)} <span class="${g.passed ? 'pass' : 'fail'}">${g.passed ? 'passed' : 'not passed'}</span></h2>
<table><tr><th>criterion</th><th>value</th><th>threshold</th><th></th></tr>
${g.criteria.map((c) => `<tr class="${c.passed ? 'pass' : 'fail'}"><td>${esc(c.name)}</td><td>${show(c.name, c.value)}</td><td>${c.name.includes('p99') ? '&le;' : '&ge;'} ${show(c.name, c.threshold)}</td><td>${c.passed ? '&#10003;' : '&#10007;'}</td></tr>`).join('\n')}
<tr><td>requests</td><td>${g.figures.requests}</td><td></td><td></td></tr>
<tr><td>uptake (answers followed by a watch from the list)</td><td>${show('personalised', g.figures.uptake)}</td><td></td><td></td></tr>
<tr><td>latency p50 / p95 (ms)</td><td>${show('', g.figures.latencyP50)} / ${show('', g.figures.latencyP95)}</td><td></td><td></td></tr>
</table></section>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>prodsim grading report</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
.pass{color:#17643a}.fail{color:#a31515}tr.fail td{background:#fdecec}tr.pass td{background:#eefaf1}</style></head><body>
<h1>Grading report</h1>
<p>Simulated time ${new Date(from).toISOString()} to ${new Date(to).toISOString()}, read from the stream alone.
Thresholds: at least ${t.minAnswers} status-200 answers, availability &ge; ${(100 * t.minAvailability).toFixed(1)}%,
personalised answers &ge; ${(100 * t.minPersonalised).toFixed(1)}%, latency p99 &le; ${t.maxP99Ms} ms, answers changed on at least ${t.minUpdates} day(s).</p>
${grades.map(team).join('\n')}
</body></html>
`;
}
