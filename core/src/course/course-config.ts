import { RESERVED_NAMES } from '../api/api-options.js';
import { s, type Infer } from '../config/schema.js';

/** Root paths of the entity API that a team's `/<team>/` would clash with: refused at start (exit 2), not when the API mounts. */
const RESERVED_TEAM_NAMES = [...RESERVED_NAMES.filter((n) => !n.includes('.')), 'staff', 'stream'];

/** One team in course mode: its own world, topic, prediction service and API token. */
export const teamSchema = s.object({
  name: s.string({
    pattern: new RegExp(`^(?!(?:${RESERVED_TEAM_NAMES.join('|')})$)[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`),
    patternText: `a team name of letters, digits, _ and - (at most 64), other than ${RESERVED_TEAM_NAMES.join(', ')}`,
  }),
  predictor: s.string({ optional: true, pattern: /^https?:\/\/[^\s/]+(\/\S*)?$/, patternText: 'an http:// URL such as http://team01.example.edu:8082' }),
  deadlineMs: s.number({ optional: true, integer: true, min: 1, max: 60_000 }),
  token: s.string({ optional: true, minLength: 8, description: "the team's API token (at least 8 characters)" }),
});

export type TeamConfig = Infer<typeof teamSchema>;

export const teamsSchema = Object.assign(s.array(teamSchema, { minItems: 1, maxItems: 500 }), { item: teamSchema });
