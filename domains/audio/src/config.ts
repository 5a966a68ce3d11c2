import { s, type Infer } from '@prodsim/core';

/**
 * The audio domain's configuration. Defaults give a small world that runs a week in well under a
 * minute: most of the time goes into synthesising and judging each day's uploads.
 */
export const audioConfigSchema = s.object({
  users: s.number({ default: 600, integer: true, min: 1, max: 5_000_000, description: 'listeners' }),
  creators: s.number({ default: 40, integer: true, min: 1, max: 100_000, description: 'creators who upload clips' }),
  initialClips: s.number({
    default: 120,
    integer: true,
    min: 1,
    max: 100_000,
    description: 'clips already public when the run starts (classified at the start)',
  }),
  uploadsPerDay: s.number({ default: 0.5, min: 0, max: 100, description: 'median uploads per creator and day' }),
  editsPerClipDay: s.number({
    default: 0.03,
    min: 0,
    max: 1,
    description:
      "chance per day that a creator replaces a published clip with new audio (same id, announced by an edit event); scenario step 'edits' changes it",
  }),
  topic: s.string({ default: 'audiolog', pattern: /^[A-Za-z0-9._-]+$/, patternText: 'a topic name of letters, digits, . _ -', description: 'stream topic' }),

  // What creators make.
  musicShare: s.number({ default: 0.5, min: 0, max: 1, description: 'share of creators who make music loops' }),
  textureShare: s.number({ default: 0.2, min: 0, max: 1, description: 'share who make ambient and noise textures (the rest talk)' }),
  voice: s.enum(['auto', 'off', 'espeak-ng', 'flite'] as const, {
    default: 'off',
    description:
      'real speech for some talkers: auto uses espeak-ng or flite when installed (off by default, so that a seed gives the same world on every machine)',
  }),
  voiceShare: s.number({ default: 0.4, min: 0, max: 1, description: 'share of talkers who use the TTS voice when one is available (the rest babble)' }),
  styleDrift: s.number({ default: 0.2, min: 0, max: 1, description: 'how far a creator moves each day toward its best-liked recent clip' }),
  creatorFeedback: s.enum(['shared', 'off'] as const, {
    default: 'shared',
    description:
      "shared: creators drift toward what every user liked, so in an experiment's split design arms influence each other through creators (the paired design gives each arm its own world and creators); off: creators keep their style",
  }),

  // Listening.
  candidates: s.number({ default: 30, integer: true, min: 1, max: 1_000, description: 'candidate clips per next request' }),
  queueSize: s.number({ default: 12, integer: true, min: 1, max: 200, description: 'most clips a session plays' }),
  recentShare: s.number({ default: 0.5, min: 0, max: 1, description: 'share of candidates drawn from the newest clips' }),
  sessionsPerDay: s.number({ default: 1.5, min: 0, max: 200, description: 'median listening sessions per user and day' }),
  activitySpread: s.number({ default: 0.8, min: 0, max: 4, description: 'sigma of log activity across users' }),
  persist: s.number({ default: 0.9, min: 0, max: 1, description: 'chance of going on to the next clip of the queue' }),
  attentionDecay: s.number({ default: 0.03, min: 0, max: 5, description: 'engagement at queue position p is scaled by exp(-decay p)' }),
  communities: s.number({ default: 6, integer: true, min: 1, max: 64, description: 'listener communities (public), each with a hidden taste centre' }),
  communityWeight: s.number({ default: 0.75, min: 0, max: 1, description: "how much of a listener's taste is its community's" }),
  explicitShare: s.number({
    default: 0.12,
    min: 0,
    max: 1,
    description: "share of the backlog that counts as explicit: sets the hidden threshold on the audio world's explicit score",
  }),
  safeShare: s.number({ default: 0.3, min: 0, max: 1, description: 'share of listeners in safe mode (public): no clips labelled explicit or unlabelled' }),
  completeBias: s.number({ default: 0, min: -10, max: 10, description: 'logit of listening to the end at zero affinity' }),
  completeSlope: s.number({ default: 1.6, min: 0, max: 10, description: 'logit of listening to the end per unit of affinity' }),
  likeBias: s.number({ default: -2.2, min: -10, max: 10, description: 'logit of a like at zero affinity' }),
  likeSlope: s.number({ default: 1.5, min: 0, max: 10, description: 'logit of a like per unit of affinity' }),
  reactionNoise: s.number({ default: 0.6, min: 0, max: 5, description: 'sd of the noise on affinity when reacting' }),
  wrongShelf: s.number({
    default: 1.5,
    min: 0,
    max: 10,
    description: 'affinity lost when a talk session plays a clip without speech, or a music session one with speech',
  }),
  explicitAversion: s.number({ default: 2.5, min: 0, max: 10, description: 'affinity a safe-mode listener loses on an explicit clip' }),
  noiseAversion: s.number({ default: 12, min: 0, max: 100, description: 'affinity lost per unit of background-noise RMS' }),
  tasteDrift: s.number({ default: 0.01, min: 0, max: 1, description: "how far a like pulls a listener's taste toward the clip" }),
  quitAfterSkip: s.number({ default: 0.2, min: 0, max: 1, description: 'chance a listener ends the session after skipping a clip' }),
  reportProbability: s.number({ default: 0.3, min: 0, max: 1, description: 'chance a safe-mode listener reports an explicit clip it hears' }),
  falseReportProbability: s.number({ default: 0.002, min: 0, max: 1, description: 'chance a listener reports a clip that is not explicit' }),

  // Labels: reviews are the stream's (noisy) source of truth about content.
  reviewShare: s.number({ default: 0.25, min: 0, max: 1, description: 'share of uploads a human reviews a day after upload' }),
  reviewAfterReports: s.number({ default: 2, integer: true, min: 1, max: 1_000, description: 'reports that send a clip to review' }),
  reviewAccuracy: s.number({ default: 0.97, min: 0.5, max: 1, description: 'chance a reviewer gets the label right' }),

  // Built-in services (used when no --predictor is given).
  defaultRanker: s.enum(['popular', 'random'] as const, { default: 'popular', description: 'the built-in next ranking' }),
  defaultClassifier: s.enum(['creator-history', 'constant'] as const, {
    default: 'creator-history',
    description: 'the built-in classifier: the label most often given to the creator\'s reviewed clips (else "other"); or always "other"',
  }),

  // Resources.
  maxMediaBytes: s.number({
    default: 256 * 1024 * 1024,
    integer: true,
    min: 1024,
    max: 64 * 1024 ** 3,
    description: 'WAV bytes the media store keeps (oldest dropped first)',
  }),
  truthWorkers: s.number({
    default: 0,
    integer: true,
    min: 0,
    max: 64,
    description: 'worker threads per truth model (0: on the main thread; >0 needs the compiled dist/)',
  }),
  worldModel: s.string({ optional: true, minLength: 1, description: 'path of a regenerated (secret) audio-world .onnx; the committed default world if unset' }),
});

export type AudioConfig = Infer<typeof audioConfigSchema>;
