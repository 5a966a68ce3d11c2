import { Counter, Gauge } from './counter.js';
import { Histogram, LATENCY_BUCKETS_MS } from './histogram.js';

type Labels = Record<string, string>;

/** One series as data: a counter's or gauge's value, or a histogram's buckets and moments. */
type SeriesState = { labels: Labels; value: number } | { labels: Labels; counts: Float64Array; count: number; sum: number; min: number; max: number };

/** Every family and series as data (for checkpoints), in the order they were first made. */
export interface MetricsState {
  families: { name: string; kind: Family['kind']; help: string; bounds?: readonly number[]; series: SeriesState[] }[];
}

interface Family {
  kind: 'counter' | 'gauge' | 'histogram';
  help: string;
  series: Map<string, Counter | Gauge | Histogram>;
  bounds?: readonly number[];
}

/**
 * Counters, gauges and histograms by name and labels; the run summary and the API's /metrics
 * (Prometheus text format) both read from here.
 */
export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string, labels: Labels = {}): Counter {
    return this.series(name, 'counter', help, labels, () => new Counter(name, labels)) as Counter;
  }

  gauge(name: string, help: string, labels: Labels = {}): Gauge {
    return this.series(name, 'gauge', help, labels, () => new Gauge(name, labels)) as Gauge;
  }

  histogram(name: string, help: string, labels: Labels = {}, bounds: readonly number[] = LATENCY_BUCKETS_MS): Histogram {
    return this.series(name, 'histogram', help, labels, () => new Histogram(name, labels, bounds), bounds) as Histogram;
  }

  /** Every series of a family (e.g. all outcome counters), for summaries. */
  all(name: string): (Counter | Gauge | Histogram)[] {
    return [...(this.families.get(name)?.series.values() ?? [])];
  }

  snapshot(): MetricsState {
    return {
      families: [...this.families].map(([name, f]) => ({
        name,
        kind: f.kind,
        help: f.help,
        bounds: f.bounds,
        series: [...f.series.values()].map((x) =>
          x instanceof Histogram
            ? { labels: { ...x.labels }, counts: x.counts.slice(), count: x.count, sum: x.sum, min: x.min, max: x.max }
            : { labels: { ...x.labels }, value: x.value },
        ),
      })),
    };
  }

  /**
   * Continues from a snapshot. Series that exist already (held by whoever made them, e.g. the
   * prediction gateway) take the snapshot's values in place; the others are made. The snapshot's
   * order becomes the registry's (summaries list series in that order); series made since the
   * registry was created and absent from the snapshot follow, as they are.
   */
  restore(state: MetricsState): void {
    const before = new Map(this.families);
    this.families.clear();
    for (const f of state.families) {
      const old = before.get(f.name);
      if (old && old.kind !== f.kind) throw new Error(`metric ${f.name} is a ${old.kind} here, a ${f.kind} in the snapshot`);
      const family: Family = { kind: f.kind, help: f.help, series: new Map(), bounds: f.bounds };
      this.families.set(f.name, family);
      for (const x of f.series) {
        const key = labelText(x.labels);
        const series = old?.series.get(key) ?? makeSeries(f.name, f.kind, x.labels, f.bounds);
        if (series instanceof Histogram && 'counts' in x) {
          series.counts.set(x.counts);
          series.count = x.count;
          series.sum = x.sum;
          series.min = x.min;
          series.max = x.max;
        } else if (!(series instanceof Histogram) && 'value' in x) {
          series.value = x.value;
        }
        family.series.set(key, series);
      }
      if (old) for (const [key, series] of old.series) if (!family.series.has(key)) family.series.set(key, series);
    }
    for (const [name, f] of before) if (!this.families.has(name)) this.families.set(name, f);
  }

  toPrometheus(): string {
    const out: string[] = [];
    for (const [name, family] of this.families) {
      out.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.kind}`);
      for (const series of family.series.values()) {
        if (series instanceof Histogram) {
          let cumulative = 0;
          series.bounds.forEach((bound, i) => {
            cumulative += series.counts[i];
            out.push(`${name}_bucket${labelText({ ...series.labels, le: String(bound) })} ${cumulative}`);
          });
          out.push(`${name}_bucket${labelText({ ...series.labels, le: '+Inf' })} ${series.count}`);
          out.push(`${name}_sum${labelText(series.labels)} ${series.sum}`);
          out.push(`${name}_count${labelText(series.labels)} ${series.count}`);
        } else {
          out.push(`${name}${labelText(series.labels)} ${series.value}`);
        }
      }
    }
    return `${out.join('\n')}\n`;
  }

  private series(name: string, kind: Family['kind'], help: string, labels: Labels, make: () => Counter | Gauge | Histogram, bounds?: readonly number[]) {
    let family = this.families.get(name);
    if (!family) {
      family = { kind, help, series: new Map(), bounds };
      this.families.set(name, family);
    } else if (family.kind !== kind) {
      throw new Error(`metric ${name} is a ${family.kind}, not a ${kind}`);
    }
    const key = labelText(labels);
    let series = family.series.get(key);
    if (!series) {
      series = make();
      family.series.set(key, series);
    }
    return series;
  }
}

function makeSeries(name: string, kind: Family['kind'], labels: Labels, bounds: readonly number[] | undefined): Counter | Gauge | Histogram {
  if (kind === 'histogram') return new Histogram(name, labels, bounds);
  return kind === 'counter' ? new Counter(name, labels) : new Gauge(name, labels);
}

function labelText(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${labels[k].replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}
