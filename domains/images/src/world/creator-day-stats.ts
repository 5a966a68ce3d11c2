/** Per-creator figures of the current UTC day, emitted as `creator-stats` lines when it ends. */
export class CreatorDayStats {
  readonly uploads: Int32Array;
  readonly impressions: Int32Array;
  readonly likes: Int32Array;
  readonly reports: Int32Array;
  readonly blocked: Int32Array;
  /** Running totals over the whole run (what a service could tally from the stream). */
  readonly totalUploads: Int32Array;
  readonly totalImpressions: Int32Array;
  readonly totalReports: Int32Array;

  constructor(readonly creators: number) {
    this.uploads = new Int32Array(creators);
    this.impressions = new Int32Array(creators);
    this.likes = new Int32Array(creators);
    this.reports = new Int32Array(creators);
    this.blocked = new Int32Array(creators);
    this.totalUploads = new Int32Array(creators);
    this.totalImpressions = new Int32Array(creators);
    this.totalReports = new Int32Array(creators);
  }

  active(c: number): boolean {
    return this.uploads[c] + this.impressions[c] + this.likes[c] + this.reports[c] + this.blocked[c] > 0;
  }

  reset(): void {
    this.uploads.fill(0);
    this.impressions.fill(0);
    this.likes.fill(0);
    this.reports.fill(0);
    this.blocked.fill(0);
  }
}
