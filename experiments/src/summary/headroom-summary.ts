import type { HeadroomFigures } from '@prodsim/core';
import type { ReplicationResult } from '../runner/run-replication.js';
import { meanWithBand } from '../stats/compare.js';
import { MIN_REPLICATIONS } from './plain-words.js';

/** A headroom figure over replications: its mean, and a 95% interval with 3 or more replications. */
export interface HeadroomEstimate {
  mean: number;
  ci95?: [number, number];
}

/** One arm's headroom at one endpoint over the replications (staff only: computed with the hidden truth). */
export interface HeadroomSummary {
  /** What the values measure, as the domain names it. */
  measure: string;
  /** The share of requests valued in each world (1: all). */
  sample: number;
  /** Replications whose world valued this arm's answers at this endpoint. */
  replications: number;
  /** Requests valued per replication. */
  requests: HeadroomEstimate;
  service: HeadroomEstimate;
  oracle: HeadroomEstimate;
  /** Null when the domain's default could not be asked in process in any replication. */
  default: HeadroomEstimate | null;
  random: HeadroomEstimate;
  regret: HeadroomEstimate;
  /** The mean of the replications' shares; null when the oracle achieved nothing in every one. */
  shareOfOracle: HeadroomEstimate | null;
}

/**
 * Per arm and endpoint, the mean over replications of each world's headroom figures (the arm's
 * answers beside the oracle's, the domain default's and random ones on the same requests), with
 * a 95% interval (t distribution) from MIN_REPLICATIONS on. Only the paired design has them: a
 * split world's gateway values every arm's requests together, so they cannot be told apart.
 * Returns undefined when no replication carries headroom (split design, or a domain that values
 * no endpoint).
 */
export function summarizeHeadroom(
  arms: readonly { name: string }[],
  results: readonly ReplicationResult[],
): Record<string, Record<string, HeadroomSummary>> | undefined {
  const out: Record<string, Record<string, HeadroomSummary>> = {};
  let any = false;
  for (const { name: arm } of arms) {
    const endpoints = new Map<string, HeadroomFigures[]>();
    for (const r of results) {
      for (const [endpoint, figures] of Object.entries(r.headroom?.[arm] ?? {})) {
        const list = endpoints.get(endpoint) ?? [];
        list.push(figures);
        endpoints.set(endpoint, list);
      }
    }
    if (endpoints.size === 0) continue;
    any = true;
    out[arm] = {};
    for (const [endpoint, runs] of endpoints) {
      const of = (pick: (f: HeadroomFigures) => number | null) => estimate(runs.map(pick));
      out[arm][endpoint] = {
        measure: runs[0].measure,
        sample: runs[0].sample,
        replications: runs.length,
        requests: of((f) => f.requests) ?? { mean: NaN },
        service: of((f) => f.service) ?? { mean: NaN },
        oracle: of((f) => f.oracle) ?? { mean: NaN },
        default: of((f) => f.default),
        random: of((f) => f.random) ?? { mean: NaN },
        regret: of((f) => f.regret) ?? { mean: NaN },
        shareOfOracle: of((f) => f.shareOfOracle),
      };
    }
  }
  return any ? out : undefined;
}

/** The mean of the values that exist, with a 95% interval when there are enough; null when none exists. */
function estimate(values: readonly (number | null)[]): HeadroomEstimate | null {
  const xs = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (xs.length === 0) return null;
  const { mean, half } = meanWithBand(xs);
  return xs.length >= MIN_REPLICATIONS ? { mean, ci95: [mean - half, mean + half] } : { mean };
}

/**
 * The headroom as the CLI prints it: per endpoint, each arm's share of the oracle (mean over
 * replications). Empty without headroom (the split design).
 */
export function headroomLines(headroom: Record<string, Record<string, HeadroomSummary>> | undefined): string[] {
  const byEndpoint = new Map<string, string[]>();
  const measure = new Map<string, string>();
  for (const [arm, endpoints] of Object.entries(headroom ?? {})) {
    for (const [endpoint, h] of Object.entries(endpoints)) {
      const share = h.shareOfOracle === null ? 'n/a' : `${(100 * h.shareOfOracle.mean).toFixed(1)}%`;
      byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), `${arm} ${share}`]);
      measure.set(endpoint, h.measure);
    }
  }
  if (byEndpoint.size === 0) return [];
  return [
    "headroom (staff only: computed with the hidden truth), each arm's share of the oracle, mean over replications:",
    ...[...byEndpoint].map(([endpoint, arms]) => `- ${endpoint} (${measure.get(endpoint)}): ${arms.join(', ')}`),
  ];
}
