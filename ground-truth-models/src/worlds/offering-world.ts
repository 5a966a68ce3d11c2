import { chmodSync } from 'node:fs';
import { regenerate } from '../cli/regenerate.js';

/**
 * One course offering's hidden world model of a kind, regenerated from the offering's secret into
 * `dir` (a staff-only folder; the file is made 0600): what `prodsim course init` writes for the
 * media domains, whose committed default worlds are public. Returns the model's path.
 */
export function offeringWorld(kind: 'image' | 'audio', secret: string, dir: string): string {
  const [written] = regenerate(secret, dir, kind);
  chmodSync(written.file, 0o600);
  return written.file;
}
