import {
  PublicCatalog,
  startOfDay,
  type DomainContext,
  type DomainWorld,
  type PredictionEndpoint,
  type Predictor,
  type RandomStream,
  type ResearchProbe,
  type RouteDeclaration,
} from '@prodsim/core';
import { mediaRoute } from '@prodsim/media';
import type { AudioConfig } from './config.js';
import { AUDIO_SCENARIO_ACTIONS, type AudioAction } from './scenario-actions.js';
import { builtinPredictor, ReviewHistory } from './predictors/builtin-predictors.js';
import { ClipRenderer } from './synth/clip-renderer.js';
import { genreByName } from './synth/genres.js';
import { musicStyle } from './synth/describe-clip.js';
import { drawReadoutShift } from './truth/readout-shift.js';
import { TruthOracle } from './truth/truth-oracle.js';
import { VoiceEngine } from './voice/voice-engine.js';
import { AudioCreators } from './world/audio-creators.js';
import { createEndpoints, createStore, createWriter, newCounters, type AudioState } from './world/audio-state.js';
import { ClipCatalogue, EMBEDDING_DIM } from './world/clip-catalogue.js';
import { clipCollection, creatorCollection, userCollection } from './world/clip-views.js';
import { Listeners } from './world/listeners.js';
import { Listening } from './world/listening.js';
import { Edits } from './world/edits.js';
import { audioAnswerValues } from './world/headroom.js';
import { Publishing } from './world/publishing.js';
import { Reviews } from './world/reviews.js';

/**
 * An audio-sharing world: creators publish synthesised clips (WAV at `/audio/:id.wav`), the app
 * labels them through `classify` and queues them for listeners through `next`; listeners skip,
 * listen through, like, replay, share and report; reviewers label a sample. The hidden truth of a
 * clip (embedding, explicit, category from the authored audio world; speech from Silero VAD) is
 * computed once, when the clip is made, and never leaves the world.
 */
export class AudioWorld implements DomainWorld {
  readonly catalog: PublicCatalog;
  readonly endpoints: readonly PredictionEndpoint<any, any>[];
  readonly routes: readonly RouteDeclaration[];
  readonly probe: ResearchProbe;
  private readonly publishing: Publishing;
  private readonly listening: Listening;
  private readonly history: ReviewHistory;
  private readonly edits: Edits;
  private shiftRng: RandomStream | undefined;
  private started = false;

  private constructor(
    private readonly s: AudioState,
    publishing: Publishing,
    listening: Listening,
    history: ReviewHistory,
  ) {
    this.publishing = publishing;
    this.listening = listening;
    this.history = history;
    this.edits = new Edits(s);
    this.endpoints = [s.next, s.classify];
    this.routes = [mediaRoute('audio', 'wav', s.store)];
    this.catalog = new PublicCatalog()
      .add(clipCollection(s.catalogue))
      .add(userCollection(s.listeners))
      .add(creatorCollection(s.creators, (c) => publishing.uploadsBy[c]));
    const catalogue = s.catalogue;
    this.probe = {
      userCount: s.listeners.count,
      get itemCount() {
        return catalogue.count;
      },
      userGroup: (u) => `community-${s.listeners.pool.community[u]}${s.listeners.safe[u] ? '-safe' : ''}`,
      // Public features only: the creator and the label the app shows.
      itemDistance: (a, b) => 0.5 * (catalogue.creator[a] === catalogue.creator[b] ? 0 : 1) + 0.5 * (catalogue.label[a] === catalogue.label[b] ? 0 : 1),
      tasteDrift: (u) => s.listeners.pool.tasteDrift(u),
      // The hidden affinity a play reports as trueValue, in the listener's current (or last)
      // session mood: for the oracle baseline in experiments only.
      trueValue: (u, clip) => listening.trueValue(u, clip),
      slateEndpoint: {
        name: 'next',
        size: s.config.queueSize,
        userOf: (r) => (r as { user: number }).user,
        candidatesOf: (r) => (r as { candidates: readonly number[] }).candidates,
        answer: (items) => [...items],
      },
      answerValues: audioAnswerValues(s, listening),
    };
  }

  static async create(ctx: DomainContext, config: AudioConfig): Promise<AudioWorld> {
    const engine = config.voice === 'off' ? undefined : config.voice === 'auto' ? VoiceEngine.detect() : VoiceEngine.require(config.voice);
    // The speech readout comes from the run seed: in course mode the offering's secret, per team.
    const oracle = await TruthOracle.load({ workers: config.truthWorkers, model: config.worldModel, speech: ctx.rng.derive('speech-readout', 0) });
    const { next, classify } = createEndpoints();
    const creators = new AudioCreators(
      {
        count: config.creators,
        uploadsPerDay: config.uploadsPerDay,
        musicShare: config.musicShare,
        textureShare: config.textureShare,
        voiceShare: config.voiceShare,
        voiceEngine: engine?.name,
      },
      ctx.rng.stream('creator-population'),
    );
    const state = {
      ctx,
      config,
      catalogue: new ClipCatalogue(),
      creators,
      // Listeners take their taste centres from the backlog's sound, so they come after it.
      listeners: undefined as unknown as Listeners,
      store: createStore(config.maxMediaBytes),
      writer: createWriter(ctx, config.topic),
      next,
      classify,
      renderer: new ClipRenderer(engine),
      oracle,
      counters: newCounters(),
      rng: {
        creators: ctx.rng.stream('creators'),
        uploads: ctx.rng.stream('uploads'),
        sessions: ctx.rng.stream('sessions'),
        reactions: ctx.rng.stream('reactions'),
        reviews: ctx.rng.stream('reviews'),
        scenario: ctx.rng.stream('scenario'),
      },
    } satisfies AudioState;
    const history = new ReviewHistory(config.creators);
    const reviews = new Reviews(state, history);
    const publishing = new Publishing(state, reviews);
    try {
      await publishing.createBacklog(config.initialClips);
    } catch (error) {
      await oracle.close();
      throw error;
    }
    state.listeners = createListeners(state, config);
    const listening = new Listening(state, reviews);
    if (engine) ctx.log(`audio: voice clips by ${engine.version}`);
    return new AudioWorld(state, publishing, listening, history);
  }

  defaultPredictor(): Predictor {
    const c = this.s.catalogue;
    return builtinPredictor(
      { plays: (i) => c.plays[i], completes: (i) => c.completes[i], creatorOf: (i) => c.creator[i], reviewedLabels: (creator) => this.history.of(creator) },
      this.s.config.defaultRanker,
      this.s.config.defaultClassifier,
      this.s.ctx.rng.stream('builtin-predictor'),
    );
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.s.ctx.scheduler.onDayStart((dayStart, day) => {
      if (day > 0) this.publishing.driftCreators();
      this.publishing.planDay(dayStart);
      this.listening.planDay(dayStart);
      this.edits.planDay(dayStart);
    });
  }

  applyScenario(action: string, params: unknown): void {
    const { creators, rng, ctx } = this.s;
    const p = AUDIO_SCENARIO_ACTIONS[action as AudioAction]?.params.parse(params ?? {}, `scenario ${action}`) as unknown;
    if (!p) throw new Error(`audio/v1 has no scenario action ${JSON.stringify(action)}`);
    if (action === 'edits') {
      // An edit storm starts now: the rest of today gets the extra edits, later days the new rate
      // (on a day boundary the day's own planning comes next and uses the new rate).
      const rate = (p as { rate: number }).rate;
      const extra = rate - this.edits.rate;
      this.edits.rate = rate;
      const now = ctx.scheduler.now;
      if (extra > 0 && startOfDay(now) !== now) this.edits.planDay(now, extra);
    } else if (action === 'flash-crowd') {
      const { factor, hours } = p as { factor: number; hours: number };
      this.listening.flashCrowd(ctx.scheduler.now, factor, hours);
    } else if (action === 'recording') {
      const { share, sampleRate, noise, level } = p as unknown as { share: number; sampleRate: number; noise: number; level: number };
      for (let c = 0; c < creators.count; c++) if (rng.scenario.bernoulli(share)) creators.device[c] = { sampleRate, noise, level };
    } else if (action === 'truth-shift') {
      this.shiftTruth((p as { strength: number }).strength);
    } else if (action === 'new-genre') {
      const { name, share } = p as unknown as { name: string; share: number };
      const genre = genreByName(name)!;
      for (let c = 0; c < creators.count; c++) {
        if (creators.kind[c] !== 'music' || !rng.scenario.bernoulli(share)) continue;
        const style = musicStyle(genre, rng.scenario);
        if (style.kind !== 'music') continue;
        creators.genre[c] = genre;
        creators.instrument[c] = style.instrument;
        creators.scale[c] = style.scale;
        creators.drums[c] = style.drums;
        creators.pool.style[c * 2] = style.tempo / 100;
      }
    }
    ctx.log(`audio: scenario ${action} ${JSON.stringify(params)}`);
  }

  /**
   * The hidden readout changes (scenario `truth-shift`), unannounced: a service finds out only
   * through its listeners' reactions. Draws from a stream of its own, so strength 0 changes nothing.
   */
  private shiftTruth(strength: number): void {
    const { catalogue, listeners, ctx } = this.s;
    const rng = (this.shiftRng ??= ctx.rng.stream('truth-shift'));
    // Tastes lie along the backlog's main axes, which the turn moves sound off: affinities would
    // shrink and every queue would get fewer likes. Tastes are rescaled to keep the spread of
    // affinities (on the same sample of listeners and clips), so what changes is which clips a
    // listener likes, not how much the app is liked.
    const pairs = Array.from({ length: 4000 }, () => [rng.int(listeners.count), rng.int(Math.max(1, catalogue.count))] as const);
    const spread = () => sd(pairs.map(([u, clip]) => listeners.pool.affinity(u, catalogue.embedding, clip * EMBEDDING_DIM)));
    const before = spread();
    catalogue.shift(drawReadoutShift(rng, EMBEDDING_DIM, strength, catalogue.embedding, catalogue.explicitScore, catalogue.count));
    const after = spread();
    if (strength > 0 && after > 0 && before > 0) listeners.pool.rescale(before / after);
  }

  summary(): Record<string, number | string> {
    const { counters: c, catalogue, listeners, store, renderer } = this.s;
    const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
    return {
      users: listeners.count,
      creators: this.s.creators.count,
      clips: catalogue.publishedClips,
      uploads: c.uploads,
      'edits (new audio, same id)': c.edits,
      'voice engine': renderer.voiceEngine?.name ?? 'none',
      'render failures': this.publishing.renderFailures,
      sessions: c.sessions,
      'sessions skipped (busy)': c.busy,
      'next requests ok': c.nextOk,
      'next requests failed': c.nextFailed,
      plays: c.plays,
      'listen-through rate': pct(c.completes, c.plays),
      'mean seconds per play': c.plays > 0 ? Math.round((10 * c.secondsListened) / c.plays) / 10 : 'n/a',
      likes: c.likes,
      replays: c.replays,
      shares: c.shares,
      reports: c.reports,
      reviews: c.reviews,
      'classify ok': c.classifyOk,
      'classify failed': c.classifyFailed,
      'classify accuracy (hidden truth)': pct(c.classifyCorrect, c.classifyOk),
      'true labels explicit/speech/other (hidden)': trueLabelCounts(catalogue).join('/'),
      'media bytes held': store.bytesHeld,
    };
  }

  /**
   * Listen-through rate and classify accuracy so far, overall and for the run's uploads (the
   * backlog is classified at the start, before any label exists). Accuracy is against the hidden
   * truth: for tests, examples and research, never for services.
   */
  figures(): {
    plays: number;
    completes: number;
    listenThrough: number;
    classified: number;
    classifyAccuracy: number;
    uploadsClassified: number;
    uploadsClassifyAccuracy: number;
  } {
    const c = this.s.counters;
    return {
      plays: c.plays,
      completes: c.completes,
      listenThrough: c.plays > 0 ? c.completes / c.plays : 0,
      classified: c.classifyOk,
      classifyAccuracy: c.classifyOk > 0 ? c.classifyCorrect / c.classifyOk : 0,
      uploadsClassified: c.uploadsClassified,
      uploadsClassifyAccuracy: c.uploadsClassified > 0 ? c.uploadsClassifiedCorrect / c.uploadsClassified : 0,
    };
  }

  /** The hidden state, for research and tests (never reachable from the catalogue, routes or the stream). */
  research(): { catalogue: ClipCatalogue; creators: AudioCreators; listeners: Listeners } {
    return { catalogue: this.s.catalogue, creators: this.s.creators, listeners: this.s.listeners };
  }

  groundTruthCanaries(): string[] {
    const { catalogue, listeners } = this.s;
    const out: string[] = [];
    for (let i = 0; i < Math.min(20, catalogue.count); i++) {
      out.push(
        String(catalogue.explicitScore[i]),
        String(catalogue.speechProbability[i]),
        String(catalogue.embedding[i * EMBEDDING_DIM]),
        String(catalogue.embedding[i * EMBEDDING_DIM + 5]),
      );
    }
    for (let u = 0; u < Math.min(20, listeners.count); u++) out.push(String(listeners.pool.taste[u * EMBEDDING_DIM]), String(listeners.talkShare[u]));
    return out.filter((x) => x.length >= 6);
  }

  async close(): Promise<void> {
    await this.s.oracle.close();
  }
}

/** Standard deviation of a sample. */
function sd(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}

function trueLabelCounts(catalogue: ClipCatalogue): number[] {
  const counts = [0, 0, 0];
  for (let i = 0; i < catalogue.count; i++) counts[catalogue.explicit[i] ? 0 : catalogue.speech[i] ? 1 : 2]++;
  return counts;
}

function createListeners(state: AudioState, config: AudioConfig): Listeners {
  const { catalogue, ctx } = state;
  const k = Math.min(8, catalogue.count);
  const axes = catalogue.embedding.slice(0, k * EMBEDDING_DIM);
  const listeners = new Listeners(
    {
      count: config.users,
      communities: config.communities,
      communityWeight: config.communityWeight,
      sessionsPerDay: config.sessionsPerDay,
      activitySpread: config.activitySpread,
      safeShare: config.safeShare,
    },
    axes,
    ctx.rng.stream('population'),
  );
  // Scale tastes so that affinities to the backlog have a standard deviation of 1.
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let u = 0; u < Math.min(200, listeners.count); u++) {
    for (let clip = 0; clip < catalogue.count; clip++) {
      const a = listeners.pool.affinity(u, catalogue.embedding, clip * EMBEDDING_DIM);
      sum += a;
      sq += a * a;
      n++;
    }
  }
  const sd = Math.sqrt(Math.max(1e-12, sq / n - (sum / n) ** 2));
  listeners.pool.rescale(1 / sd);
  return listeners;
}
