import type { ValidationReport } from '../validation-report.js';
import { fmt, fmtP } from './format.js';

/** The command's short summary: orderings, tau, sign flips, each distance beside its band, the targets. */
export function summaryText(report: ValidationReport): string {
  const { decision, settings } = report;
  const lines: string[] = [];
  lines.push(
    `validation of movies against ${report.dataset.format} ${report.dataset.dir} (${report.dataset.users} users, ${report.dataset.movies} movies, ${report.dataset.ratings} ratings)`,
  );
  lines.push(
    `split: ${report.split.trainRatings} training, ${report.split.heldOutRatings} held-out ratings; ${report.split.evaluatedUsers} users scored offline`,
  );
  lines.push('');
  lines.push(`offline ordering (hit rate@${settings.k}, NDCG@${settings.k}):`);
  for (const f of Object.values(decision.offline)) lines.push(`  ${f.rank}. ${f.recommender.padEnd(11)} HR ${fmt(f.hitRate).padEnd(6)} NDCG ${fmt(f.ndcg)}`);
  lines.push(
    `online ordering (${settings.days} days x ${settings.replications} replications, ${settings.design} design${settings.warmStart ? ', warm start' : ', cold start'}):`,
  );
  for (const f of Object.values(decision.online)) {
    lines.push(
      `  ${f.rank}. ${f.recommender.padEnd(11)} watch min/user ${fmt(f.watchMinutesPerUser.mean).padEnd(7)} uptake ${fmt(f.uptake.mean).padEnd(6)} true rating ${fmt(f.meanTrueValue.mean)}`,
    );
  }
  lines.push(`Kendall's tau (offline vs online): ${fmt(decision.kendallTau)}`);
  const significant = decision.pairs.filter((p) => p.significant).length;
  lines.push(
    `pairs: ${significant} of ${decision.pairs.length} online differences significant (paired t, Holm, p < ${decision.alpha}); significant sign flips: ${decision.signFlips.length}`,
  );
  for (const p of decision.signFlips)
    lines.push(`  flip: ${p.a} vs ${p.b}: offline ${fmt(p.offlineDifference)}, online ${fmt(p.onlineDifference)} min/user (Holm p ${fmtP(p.pHolm)})`);
  lines.push('');
  lines.push(
    'distributions (simulated vs real samples of as many whole user-periods, mean over the samples; the band: 95th percentile of the same distance between two disjoint real samples of that size):',
  );
  const first = report.distributions[0];
  if (first && first.sampleSize > 0)
    lines.push(
      `  samples of ${first.sampleSize} user-periods: ${Math.round(first.simulatedRatings)} simulated ratings, ${Math.round(first.realRatings)} real ones on average`,
    );
  for (const d of report.distributions) {
    const ratio = d.realBand > 0 ? `${fmt(d.distance / d.realBand, 2)}x band` : 'band 0';
    const size = `${d.sampleSize} user-periods`;
    lines.push(
      `  ${d.name.padEnd(33)} ${fmt(d.distance).padEnd(7)} band ${fmt(d.realBand).padEnd(7)} ${ratio.padEnd(11)} ${(d.withinTarget ? 'ok' : 'outside 2x').padEnd(10)} ${size.padEnd(18)} (${d.measure})`,
    );
  }
  lines.push('');
  lines.push('targets (issue 12):');
  for (const t of report.targets)
    lines.push(`  ${t.met ? 'met   ' : 'MISSED'} ${t.name}: ${typeof t.value === 'number' ? fmt(t.value) : String(t.value)} (wanted ${t.wanted})`);
  return lines.join('\n');
}
