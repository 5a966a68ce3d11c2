import { s, type Infer } from '@prodsim/core';

/**
 * The images domain's configuration. Defaults make a week run in seconds and keep the trade-off
 * real: 500 candidates per feed request within 300 ms (see the README's figures).
 */
export const imagesConfigSchema = s.object({
  users: s.number({ default: 2_000, integer: true, min: 1, max: 5_000_000, description: 'viewers at the start' }),
  creators: s.number({ default: 200, integer: true, min: 1, max: 1_000_000, description: 'creators who upload images' }),
  initialImages: s.number({ default: 1_000, integer: true, min: 1, max: 1_000_000, description: 'images already public when the run starts (the backlog)' }),
  uploadsPerDay: s.number({ default: 1.5, min: 0, max: 1_000, description: 'median uploads per creator and day' }),
  imageSize: s.number({ default: 64, integer: true, min: 16, max: 512, description: 'served image width and height, pixels' }),
  topic: s.string({ default: 'imagelog', pattern: /^[A-Za-z0-9._-]+$/, patternText: 'a topic name of letters, digits, . _ -', description: 'stream topic' }),

  // The feed.
  candidates: s.number({ default: 500, integer: true, min: 1, max: 10_000, description: 'candidate images per feed request (a ranking stage: hundreds)' }),
  feedSize: s.number({ default: 20, integer: true, min: 1, max: 200, description: 'most images a feed shows' }),
  recentShare: s.number({ default: 0.5, min: 0, max: 1, description: 'share of candidates drawn from the newest uploads' }),
  sessionsPerDay: s.number({ default: 2, min: 0, max: 200, description: 'median app sessions per user and day' }),
  activitySpread: s.number({ default: 0.8, min: 0, max: 4, description: 'sigma of log activity across users' }),
  persist: s.number({ default: 0.9, min: 0, max: 1, description: 'chance of scrolling on to the next image (position bias: a cascade)' }),
  attentionDecay: s.number({ default: 0.04, min: 0, max: 5, description: 'engagement at position p is scaled by exp(-decay p)' }),

  // Hidden truth and reactions.
  communities: s.number({ default: 8, integer: true, min: 1, max: 64, description: 'user communities (public), each with a hidden taste centre' }),
  communityWeight: s.number({ default: 0.8, min: 0, max: 1, description: "how much of a user's taste is its community's" }),
  likeBias: s.number({ default: -2.2, min: -10, max: 10, description: 'logit of a like at zero affinity' }),
  likeSlope: s.number({ default: 1.6, min: 0, max: 10, description: 'logit of a like per unit of affinity' }),
  reactionNoise: s.number({ default: 0.5, min: 0, max: 5, description: 'sd of the noise on affinity when reacting' }),
  tasteDrift: s.number({ default: 0.01, min: 0, max: 1, description: "how far a like pulls a user's taste toward the image" }),
  harmfulShare: s.number({ default: 0.06, min: 0, max: 0.9, description: 'share of ordinary scenes that are harmful (sets the hidden violation threshold)' }),
  reportProbability: s.number({ default: 0.35, min: 0, max: 1, description: 'chance a user reports a harmful image it looks at' }),
  falseReportProbability: s.number({ default: 0.002, min: 0, max: 1, description: 'chance a user reports a harmless image' }),
  harmLeaveProbability: s.number({ default: 0.03, min: 0, max: 1, description: 'chance a user leaves the app for good after seeing a harmful image' }),
  churnPerDay: s.number({ default: 0.001, min: 0, max: 1, description: 'chance per day that a user leaves anyway' }),

  // Creators and moderation.
  styleSpread: s.number({ default: 0.07, min: 0, max: 1, description: "how far a creator's images scatter around its style" }),
  styleDrift: s.number({ default: 0.2, min: 0, max: 1, description: 'how far a creator moves each day toward its best-liked recent image' }),
  creatorFeedback: s.enum(['shared', 'off'] as const, {
    default: 'shared',
    description:
      "shared: creators drift toward what every user liked, so in an experiment's split design arms influence each other through creators (the paired design gives each arm its own world and creators); off: creators keep their style",
  }),
  adversarialShare: s.number({
    default: 0.03,
    min: 0,
    max: 1,
    description: 'share of creators who post harmful scenes on purpose and perturb them when blocked',
  }),
  editsPerImageDay: s.number({
    default: 0.03,
    min: 0,
    max: 1,
    description:
      "chance per day that a creator replaces a visible image with a new picture (same id, announced by an edit event); scenario step 'edits' changes it",
  }),
  appealProbability: s.number({ default: 0.8, min: 0, max: 1, description: 'chance a creator appeals a block of a harmless image' }),
  wrongBlockPenalty: s.number({ default: 0.7, min: 0, max: 1, description: "factor on a creator's upload rate after each wrongful block" }),
  reviewAfterReports: s.number({ default: 3, integer: true, min: 1, max: 1_000, description: 'reports that send an image to human review' }),
  reviewAccuracy: s.number({ default: 0.95, min: 0.5, max: 1, description: 'chance a human reviewer gets the label right' }),
  moderationFailure: s.enum(['allow', 'block'] as const, {
    default: 'allow',
    description: 'what the app does when the moderate request fails (fail open or closed)',
  }),

  // Built-in services (used when no --predictor is given).
  defaultFeed: s.enum(['popular', 'random'] as const, { default: 'popular', description: 'the built-in feed ranking' }),
  defaultModerator: s.enum(['creator-reports', 'allow-all'] as const, { default: 'creator-reports', description: 'the built-in moderator' }),

  // Resources.
  maxMediaBytes: s.number({
    default: 256 * 1024 * 1024,
    integer: true,
    min: 1024,
    max: 64 * 1024 ** 3,
    description: 'PNG bytes the media store keeps (oldest dropped first)',
  }),
  embedWorkers: s.number({ default: 0, integer: true, min: 0, max: 64, description: 'worker threads running the ground-truth model (0: on the main thread)' }),
  embedThreads: s.number({ default: 1, integer: true, min: 1, max: 64, description: 'onnxruntime threads per session' }),
  worldModel: s.string({ optional: true, minLength: 1, description: 'path of a regenerated (secret) image-world .onnx; the committed default world if unset' }),
});

export type ImagesConfig = Infer<typeof imagesConfigSchema>;
