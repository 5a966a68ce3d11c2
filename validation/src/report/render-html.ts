import type { ValidationReport } from '../validation-report.js';
import { escapeHtml as e } from './escape-html.js';
import { fmt, fmtFigure, fmtP } from './format.js';

/** No scripts, no fetches: the page is the same offline and in a mail attachment. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const STYLE = `
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1b1b1b; background: #fff; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 19px; margin: 28px 0 6px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
p { max-width: 75em; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #e2e2e2; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.met { color: #1a7f37; font-weight: 600; }
.missed { color: #b42318; font-weight: 600; }
`;

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table>`;
}

const td = (text: string) => `<td>${e(text)}</td>`;
const num = (x: number | null | undefined) => `<td class="num">${e(fmt(x))}</td>`;
const verdict = (met: boolean, yes = 'met', no = 'missed') => `<td class="${met ? 'met' : 'missed'}">${e(met ? yes : no)}</td>`;

/** validation.html: the report's tables in one self-contained page. */
export function renderValidationHtml(report: ValidationReport): string {
  const { decision, settings, split, dataset } = report;
  const ci = (f: { ci95: [number, number] }) => `${fmt(f.ci95[0])} to ${fmt(f.ci95[1])}`;
  const sections = [
    `<h1>Decision fidelity: movies against ${e(dataset.format)}</h1>`,
    `<p>${e(dataset.dir)}: ${dataset.users} users, ${dataset.movies} movies, ${dataset.ratings} ratings. Split ${e(split.method)}: ${split.trainRatings} training and ${split.heldOutRatings} held-out ratings, ${split.evaluatedUsers} users scored offline. The online world is fitted to the training part (fingerprint ${e(split.fingerprint)}). Seed ${e(settings.seed)}; ${settings.days} simulated days; ${settings.replications} replications; ${settings.users ?? 'default'} users; ${e(settings.design)} design; ${settings.warmStart ? 'baselines learn the training ratings before the run (warm start)' : 'baselines start cold online'}.</p>`,
    '<h2>Targets</h2>',
    table(
      ['target', 'wanted', 'value', ''],
      report.targets.map((t) => [td(t.name), td(t.wanted), td(typeof t.value === 'number' ? fmt(t.value) : String(t.value)), verdict(t.met)]),
    ),
    '<h2>Offline: trained on the training part, scored on the held-out ratings</h2>',
    `<p>Each recommender learns the training ratings in time order (engagement ${settings.offlineEngagement} per rating), then ranks the movies each user has not rated in training. Hit rate@${settings.k}: share of users with a held-out movie in the top ${settings.k}; NDCG@${settings.k} with binary relevance.</p>`,
    table(
      ['rank', 'recommender', `hit rate@${settings.k}`, `NDCG@${settings.k}`, 'users'],
      Object.values(decision.offline).map((f) => [num(f.rank), td(f.recommender), num(f.hitRate), num(f.ndcg), num(f.users)]),
    ),
    '<h2>Online: each recommender in its own arm of the fitted world</h2>',
    `<p>${settings.design === 'paired' ? 'Each arm runs on its own copy of the same world (the same seed per replication) with all its users.' : 'The arms split the users of one world.'} Watch minutes per user summed over the ${settings.days} days; uptake: share of watches that came from the recommended list; true rating: the hidden ground truth of what was watched. Means over replications with 95% intervals.</p>`,
    table(
      ['rank', 'recommender', 'watch minutes per user', '95% CI', 'uptake', 'mean true rating'],
      Object.values(decision.online).map((f) => [
        num(f.rank),
        td(f.recommender),
        num(f.watchMinutesPerUser.mean),
        td(ci(f.watchMinutesPerUser)),
        num(f.uptake.mean),
        num(f.meanTrueValue.mean),
      ]),
    ),
    `<p>Kendall's tau between the two orderings: <strong>${e(fmt(decision.kendallTau))}</strong>.</p>`,
    '<h2>Pairs</h2>',
    `<p>Online differences tested by a paired t-test over replications, Holm-adjusted over the pairs; significant at p &lt; ${decision.alpha}.</p>`,
    table(
      ['a', 'b', 'offline HR a - b', 'online minutes a - b', 'signs', 'p', 'p (Holm)', 'significant'],
      decision.pairs.map((p) => [
        td(p.a),
        td(p.b),
        num(p.offlineDifference),
        num(p.onlineDifference),
        verdict(p.signsAgree, 'agree', 'disagree'),
        td(fmtP(p.p)),
        td(fmtP(p.pHolm)),
        td(p.significant ? 'yes' : 'no'),
      ]),
    ),
    '<h2>Distributions: a simulated period against the real data</h2>',
    `<p>Concentration figures and count distributions change with the amount of data, so every statistic is compared on samples of as many whole user-periods on both sides: as many real user-periods (a user's ratings in one ${settings.days}-day window of the real time line) as there were active simulated users, so the ratings each active user makes count too. Whole user-periods, not single ratings, because ratings come in users' bursts. The distance is the mean over ${settings.bandResamples} seeded real samples of that size; the band is the 95th percentile of the same distance between two disjoint real samples of that size (${settings.bandResamples} pairs); the target is a distance within twice its band. "Real" is the mean figure of the real samples; "all real data" is for reference only.</p>`,
    table(
      ['statistic', 'sample size', 'simulated', 'real (same size)', 'all real data', 'distance', 'measure', 'real band', 'within 2x band'],
      report.distributions.map((d) => [
        td(d.label),
        td(
          d.sampleSize > 0
            ? `${d.sampleSize} user-periods (${Math.round(d.simulatedRatings)} simulated ratings, ${Math.round(d.realRatings)} real on average)`
            : '0 user-periods',
        ),
        td(fmtFigure(d.simulated)),
        td(fmtFigure(d.real)),
        td(fmtFigure(d.realAll)),
        num(d.distance),
        td(d.measure),
        num(d.realBand),
        verdict(d.withinTarget, 'yes', 'no'),
      ]),
    ),
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>prodsim validation</title><style>${STYLE}</style></head>
<body>
${sections.join('\n')}
</body></html>
`;
}
