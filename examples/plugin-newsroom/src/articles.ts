import type { Topic } from './topics.js';
import { TOPICS } from './topics.js';

/**
 * The articles published so far, in publication order (an article's index is its public id).
 * Columns grow in place; `quality` is hidden (how satisfying the article really is), everything
 * else is public.
 */
export class Articles {
  count = 0;
  publisher = new Int32Array(1024);
  topic = new Uint8Array(1024);
  words = new Int32Array(1024);
  publishedAt = new Float64Array(1024);
  quality = new Float64Array(1024);
  clicks = new Int32Array(1024);
  readonly headlines: string[] = [];

  add(article: { publisher: number; topic: number; words: number; publishedAt: number; quality: number; headline: string }): number {
    if (this.count === this.publisher.length) this.grow();
    const i = this.count++;
    this.publisher[i] = article.publisher;
    this.topic[i] = article.topic;
    this.words[i] = article.words;
    this.publishedAt[i] = article.publishedAt;
    this.quality[i] = article.quality;
    this.headlines.push(article.headline);
    return i;
  }

  topicName(i: number): Topic {
    return TOPICS[this.topic[i]];
  }

  /** Up to `max` articles published within `freshMs` before `now`, newest first. */
  recent(now: number, freshMs: number, max: number): number[] {
    const out: number[] = [];
    for (let i = this.count - 1; i >= 0 && out.length < max; i--) {
      if (this.publishedAt[i] > now) continue;
      if (this.publishedAt[i] < now - freshMs) break;
      out.push(i);
    }
    return out;
  }

  private grow(): void {
    const n = this.publisher.length * 2;
    const grown = <A extends Int32Array | Uint8Array | Float64Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(n);
      b.set(a);
      return b;
    };
    this.publisher = grown(this.publisher);
    this.topic = grown(this.topic);
    this.words = grown(this.words);
    this.publishedAt = grown(this.publishedAt);
    this.quality = grown(this.quality);
    this.clicks = grown(this.clicks);
  }
}
