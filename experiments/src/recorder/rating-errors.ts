import type { RatingPredictor } from '../baselines/rating-predictor.js';

/**
 * The error of each arm's rating predictions: at every interaction of an arm whose baseline
 * predicts ratings, its prediction for the consumed item against the item's hidden true value to
 * the user, taken before the baseline learns anything from that interaction. Arms without such a
 * baseline get no `rmse` at all (absent, not 0).
 */
export class RatingErrors {
  private readonly day: Float64Array;
  private readonly dayCount: Float64Array;
  private readonly total: Float64Array;
  private readonly totalCount: Float64Array;

  /** `predictors` is read at every interaction: the runner fills it in once the arms' baselines exist. */
  constructor(
    private readonly predictors: readonly (RatingPredictor | undefined)[],
    arms: number,
  ) {
    this.day = new Float64Array(arms);
    this.dayCount = new Float64Array(arms);
    this.total = new Float64Array(arms);
    this.totalCount = new Float64Array(arms);
  }

  interaction(arm: number, user: number, item: number, trueValue: number): void {
    const predictor = this.predictors[arm];
    if (!predictor) return;
    const predicted = predictor.predictRating(user, item);
    // Before its first rating the baseline predicts nothing: no error to count.
    if (!Number.isFinite(predicted)) return;
    const e = predicted - trueValue;
    this.day[arm] += e * e;
    this.dayCount[arm]++;
    this.total[arm] += e * e;
    this.totalCount[arm]++;
  }

  /** The arm's root mean squared errors since the start and that day (NaN without a prediction); then a new day. */
  closeDay(arm: number): { rmse: number; rmseDay: number } | Record<string, never> {
    if (!this.predictors[arm]) return {};
    const rmseDay = this.dayCount[arm] > 0 ? Math.sqrt(this.day[arm] / this.dayCount[arm]) : NaN;
    this.day[arm] = 0;
    this.dayCount[arm] = 0;
    return { rmse: this.totalCount[arm] > 0 ? Math.sqrt(this.total[arm] / this.totalCount[arm]) : NaN, rmseDay };
  }
}
