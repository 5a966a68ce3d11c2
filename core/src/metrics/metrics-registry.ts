import { Counter, Gauge } from './counter.js';
import { Histogram, LATENCY_BUCKETS_MS } from './histogram.js';

type Labels = Record<string, string>;

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

function labelText(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${labels[k].replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}
