interface Family {
  header: string[];
  samples: string[];
}

/**
 * Joins several registries' Prometheus texts into one exposition: each metric family's HELP and
 * TYPE once, its samples from every part, and a part's labels (e.g. `team="team05"`) added to
 * each of its samples. Several worlds' registries use the same metric names, and Prometheus
 * rejects a family declared twice.
 */
export function mergePrometheus(parts: { text: string; labels?: Record<string, string> }[]): string {
  const families = new Map<string, Family>();
  for (const part of parts) {
    const extra = labelPairs(part.labels ?? {});
    let current: Family | undefined;
    for (const line of part.text.split('\n')) {
      if (line === '') continue;
      if (line.startsWith('# ')) {
        const name = line.split(' ', 3)[2];
        let family = families.get(name);
        if (!family) {
          family = { header: [], samples: [] };
          families.set(name, family);
        }
        if (!family.header.some((h) => h.startsWith(line.slice(0, 7)))) family.header.push(line);
        current = family;
        continue;
      }
      if (!current) continue;
      current.samples.push(extra === '' ? line : withLabels(line, extra));
    }
  }
  const out: string[] = [];
  for (const family of families.values()) out.push(...family.header, ...family.samples);
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function withLabels(sample: string, extra: string): string {
  const brace = sample.indexOf('{');
  const space = sample.indexOf(' ');
  if (brace !== -1 && brace < space) return `${sample.slice(0, brace + 1)}${extra},${sample.slice(brace + 1)}`;
  return `${sample.slice(0, space)}{${extra}}${sample.slice(space)}`;
}

function labelPairs(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k].replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}
