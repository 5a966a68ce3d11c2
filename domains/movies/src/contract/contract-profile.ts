import { s, type Schema } from '@prodsim/core';

/** The course's wire contract as one offering published it. */
export type ContractYear = '2024' | '2026';

/** What differs between the course's contracts. Each can also be set on its own (config fields of the same name). */
export interface ContractProfile {
  /** Stars of GET /rate lines: 1-5, or 1-10 from Spring 2026. */
  ratingScale: 5 | 10;
  /** `GET /create_account` lines when accounts are created (2026). */
  createAccountLines: boolean;
  /** The recommend deadline: 800 ms, 600 ms from Fall 2025. */
  recommendDeadlineMs: number;
  /** User JSON's free-text `self_description_likes` and `self_description_dislikes` (2026). */
  selfDescriptions: boolean;
  /** Movie JSON's per-view license `cost` (2026). */
  movieCost: boolean;
}

export const CONTRACT_PROFILES: Readonly<Record<ContractYear, Readonly<ContractProfile>>> = {
  '2024': { ratingScale: 5, createAccountLines: false, recommendDeadlineMs: 800, selfDescriptions: false, movieCost: false },
  '2026': { ratingScale: 10, createAccountLines: true, recommendDeadlineMs: 600, selfDescriptions: true, movieCost: true },
};

export const DEFAULT_CONTRACT: ContractYear = '2024';

export const contractSchema = s.custom<ContractYear>(
  '2024 (the course until 2025: 1-5 stars, 800 ms) or 2026 (1-10 stars, 600 ms, create_account lines, self-descriptions, movie cost)',
  (v) => (v === 2024 || v === '2024' ? '2024' : v === 2026 || v === '2026' ? '2026' : undefined),
  { default: DEFAULT_CONTRACT, description: 'which offering of the course contract the stream and the entity API speak' },
);

/** Fills each profile field the configuration leaves out from its contract's profile; a field set on its own wins. */
export function resolveContract<T extends { contract: ContractYear } & Partial<ContractProfile>>(config: T): Omit<T, keyof ContractProfile> & ContractProfile {
  const profile = CONTRACT_PROFILES[config.contract];
  return {
    ...config,
    ratingScale: config.ratingScale ?? profile.ratingScale,
    createAccountLines: config.createAccountLines ?? profile.createAccountLines,
    recommendDeadlineMs: config.recommendDeadlineMs ?? profile.recommendDeadlineMs,
    selfDescriptions: config.selfDescriptions ?? profile.selfDescriptions,
    movieCost: config.movieCost ?? profile.movieCost,
  };
}

/** Wraps an object schema so that parsing also settles the contract's profile fields. */
export function withContractProfile<In extends { contract: ContractYear } & Partial<ContractProfile>>(
  schema: Schema<In>,
): Schema<Omit<In, keyof ContractProfile> & ContractProfile> {
  return {
    allowed: schema.allowed,
    description: schema.description,
    optional: schema.optional,
    ...('fields' in schema ? { fields: schema.fields } : {}),
    parse: (value: unknown, path: string) => resolveContract(schema.parse(value, path)),
  };
}
