import { meanWithBand, type DayMetrics } from '@prodsim/experiments';

/** A figure over replications: its mean, 95% t-interval and the value of each replication. */
export interface ReplicatedFigure {
  mean: number;
  ci95: [number, number];
  values: number[];
}

/** How one recommender did online, as the recommender of its own arm. */
export interface OnlineFigures {
  recommender: string;
  /** Minutes watched per user of the arm over the whole run (engagementPerUser summed over days). */
  watchMinutesPerUser: ReplicatedFigure;
  /** Share of watches that came from the recommended list, over the whole run. */
  uptake: ReplicatedFigure;
  /** Mean true rating (hidden ground truth) of what was watched, over the whole run. */
  meanTrueValue: ReplicatedFigure;
}

function replicated(values: number[]): ReplicatedFigure {
  const finite = values.filter(Number.isFinite);
  const band = finite.length > 0 ? meanWithBand(finite) : { mean: NaN, half: NaN };
  return { mean: band.mean, ci95: [band.mean - band.half, band.mean + band.half], values };
}

/**
 * Per arm, one value per replication (in replication order): watch minutes per user summed over
 * the days, and uptake and true value weighted by each day's watches (a day with more watches
 * says more).
 */
export function onlineFigures(rows: readonly DayMetrics[], arm: string): OnlineFigures {
  const reps = [...new Set(rows.map((r) => r.replication))].sort((a, b) => a - b);
  const minutes: number[] = [];
  const uptake: number[] = [];
  const trueValue: number[] = [];
  for (const rep of reps) {
    const days = rows.filter((r) => r.replication === rep && r.arm === arm);
    let engagement = 0;
    let watches = 0;
    let fromList = 0;
    let value = 0;
    for (const d of days) {
      if (Number.isFinite(d.engagementPerUser)) engagement += d.engagementPerUser;
      if (d.interactions > 0) {
        watches += d.interactions;
        fromList += d.uptake * d.interactions;
        value += d.meanTrueValue * d.interactions;
      }
    }
    minutes.push(engagement);
    uptake.push(watches > 0 ? fromList / watches : NaN);
    trueValue.push(watches > 0 ? value / watches : NaN);
  }
  return { recommender: arm, watchMinutesPerUser: replicated(minutes), uptake: replicated(uptake), meanTrueValue: replicated(trueValue) };
}
