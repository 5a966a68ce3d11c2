import { readFileSync, statSync } from 'node:fs';

/**
 * Whether a media domain runs on the committed world model: `worldModel` unset, or a file with
 * the committed model's bytes (the file itself, or a copy). That model and the seed it was made
 * from are public, so anyone can compute the hidden truth of every image or clip with it.
 */
export function isPublicWorld(worldModel: string | undefined, committed: string): boolean {
  if (worldModel === undefined) return true;
  try {
    if (statSync(worldModel).size !== statSync(committed).size) return false;
    return readFileSync(worldModel).equals(readFileSync(committed));
  } catch {
    // A file that cannot be read is not this check's to report: loading the model says why.
    return false;
  }
}

/** What a media domain says (once, on stderr) when it runs on the public world; in course mode, louder. */
export function publicWorldWarning(domain: string, team: string | undefined): string {
  const how = `regenerate a secret one (prodsim course init --domain ${domain} writes it; or node ground-truth-models/dist/cli/regenerate.js --seed-file SEED --out DIR) and set ${domain}.worldModel`;
  return team === undefined
    ? `warning: ${domain} runs on the committed public world model: anyone can compute its hidden truth; for a world others must not predict, ${how}`
    : `warning: course mode with ${domain} on the committed public world model: every team can compute the hidden truth with it; ${how}`;
}
