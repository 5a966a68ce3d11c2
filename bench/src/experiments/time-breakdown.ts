import { Session } from 'node:inspector/promises';

/** One V8 CPU profile node (the fields used here; Profiler.Profile in the DevTools protocol). */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface AreaTime {
  area: string;
  ms: number;
  share: number;
}

export interface FunctionTime {
  name: string;
  area: string;
  ms: number;
  share: number;
}

export interface TimeBreakdown {
  /** Sampled time in total, ms. */
  totalMs: number;
  /** Self time by area, largest first. */
  areas: AreaTime[];
  /** The functions with the most self time, largest first. */
  functions: FunctionTime[];
}

/**
 * Where a function's code lives, by its script's path: prodsim's packages (core's scheduler,
 * events and transport, prediction gateway; the domain's world; the experiment's baselines, one
 * area each, its recorder and metrics, its runner), else garbage collection, the runtime, or
 * node's own code. Undefined for native code without a script (TypedArray.set, Math.exp, ...):
 * the caller charges that to the area of the nearest JavaScript frame above it.
 */
export function areaOf(url: string, functionName: string): string | undefined {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)' || functionName === '(idle)' || functionName === '(root)') return 'V8 runtime (program)';
  if (url === '') return undefined;
  const core = url.match(/\/core\/(?:dist|src)\/([^/]+)\//);
  if (core) {
    if (core[1] === 'scheduler') return 'core: scheduler';
    if (core[1] === 'events' || core[1] === 'transport') return 'core: events, transport';
    if (core[1] === 'prediction') return 'core: prediction gateway';
    return 'core: other';
  }
  const domain = url.match(/\/domains\/([^/]+)\//);
  if (domain) return `domain world (${domain[1]})`;
  const baseline = url.match(/\/experiments\/(?:dist|src)\/baselines\/([^/.]+)/);
  if (baseline) return `experiments baselines: ${baseline[1]}`;
  if (/\/experiments\/(?:dist|src)\/(?:recorder|metrics)\//.test(url)) return 'experiments metrics, recorder';
  if (/\/experiments\/(?:dist|src)\//.test(url)) return 'experiments runner, arms';
  if (url.startsWith('node:')) return 'node built-ins';
  return 'other (dependencies)';
}

/**
 * Runs `work` under the V8 sampling profiler of this thread (node:inspector, no child process:
 * worker threads are not profiled) and adds up self time by area and by function. Each sample's
 * time delta is charged to the function on top of the stack then.
 */
export async function profileBreakdown(work: () => Promise<void>, options: { intervalMicros?: number; topFunctions?: number } = {}): Promise<TimeBreakdown> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: options.intervalMicros ?? 500 });
    await session.post('Profiler.start');
    let failure: unknown;
    try {
      await work();
    } catch (error) {
      failure = error;
    }
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    if (failure) throw failure;
    return breakdownOf(profile, options.topFunctions ?? 12);
  } finally {
    session.disconnect();
  }
}

/** Self time by area and by function: each sample's time delta goes to the node on top of the stack. */
export function breakdownOf(profile: CpuProfile, topFunctions = 12): TimeBreakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const areaCache = new Map<number, string>();
  const areaOfNode = (id: number): string => {
    const cached = areaCache.get(id);
    if (cached) return cached;
    const n = byId.get(id)!;
    const own = areaOf(n.callFrame.url, n.callFrame.functionName);
    const up = parent.get(id);
    const area = own ?? (up === undefined ? 'native (no caller)' : areaOfNode(up));
    areaCache.set(id, area);
    return area;
  };
  const selfMs = new Map<number, number>();
  let totalMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + ms);
    totalMs += ms;
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, { area: string; ms: number }>();
  for (const [id, ms] of selfMs) {
    const area = areaOfNode(id);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const f = byId.get(id)!.callFrame;
    const file = f.url.split('/').pop() ?? '';
    const name = `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : '(native)'}`;
    const entry = functions.get(name) ?? { area, ms: 0 };
    entry.ms += ms;
    functions.set(name, entry);
  }
  const share = (ms: number) => (totalMs > 0 ? ms / totalMs : 0);
  return {
    totalMs,
    areas: [...areas].map(([area, ms]) => ({ area, ms, share: share(ms) })).sort((a, b) => b.ms - a.ms),
    functions: [...functions]
      .map(([name, f]) => ({ name, area: f.area, ms: f.ms, share: share(f.ms) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, topFunctions),
  };
}
