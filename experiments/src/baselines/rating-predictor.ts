/**
 * A baseline that predicts the rating a user would give an item, and learns from the explicit
 * ratings users give on the stream (read there through the research probe's `streamRatings`,
 * never from the hidden truth). The recorder compares its predictions with the hidden true value
 * of what the arm's users consume: the arm's `rmse` metrics.
 */
export interface RatingPredictor {
  /** The predicted rating, on the scale of the ratings it learned from; NaN before it has seen any. */
  predictRating(user: number, item: number): number;
  /** A rating read off the stream: `user` rated `item` with `value`. */
  rating(time: number, user: number, item: number, value: number): void;
}

export function predictsRatings(x: object): x is RatingPredictor {
  return typeof (x as Partial<RatingPredictor>).predictRating === 'function' && typeof (x as Partial<RatingPredictor>).rating === 'function';
}
