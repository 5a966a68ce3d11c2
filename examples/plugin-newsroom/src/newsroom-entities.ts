import { RandomStream, type EntityCollection, type RouteDeclaration, type RouteResponse } from '@prodsim/core';
import type { Articles } from './articles.js';
import { TOPICS } from './topics.js';

// The public face of a newsroom world: what the entity API serves (GET /reader/:id, /article/:id,
// /publisher/:id, /article/:id.txt). Views are built on demand from public columns only.

const ID = /^\d{1,9}$/;

function collection<V>(name: string, size: () => number, view: (i: number) => V | undefined): EntityCollection<V> {
  return {
    name,
    idPattern: ID,
    get size() {
      return size();
    },
    get: (id) => (ID.test(id) && Number(id) < size() ? view(Number(id)) : undefined),
    sampleIds(n) {
      const m = Math.min(n, size());
      return Array.from({ length: m }, (_, i) => String(Math.floor((i * size()) / m)));
    },
  };
}

export const readerCollection = (ageBand: readonly string[]) =>
  collection(
    'reader',
    () => ageBand.length,
    (id) => ({ id, ageBand: ageBand[id] }),
  );

export const articleCollection = (articles: Articles) =>
  collection(
    'article',
    () => articles.count,
    (id) => ({
      id,
      publisher: articles.publisher[id],
      topic: articles.topicName(id),
      headline: articles.headlines[id],
      words: articles.words[id],
      publishedAt: new Date(articles.publishedAt[id]).toISOString(),
      opened: articles.clicks[id],
    }),
  );

const NAMES = ['Herald', 'Courier', 'Gazette', 'Observer', 'Ledger', 'Chronicle', 'Dispatch', 'Tribune', 'Post', 'Beacon'];

export const publisherCollection = (count: number, beats: readonly number[][], articles: Articles) =>
  collection(
    'publisher',
    () => count,
    (id) => {
      let published = 0;
      for (let i = 0; i < articles.count; i++) if (articles.publisher[i] === id) published++;
      return {
        id,
        name: `The ${NAMES[id % NAMES.length]}${id >= NAMES.length ? ` ${Math.floor(id / NAMES.length) + 1}` : ''}`,
        beat: [...new Set(beats[id].map((t) => TOPICS[t]))],
        articles: published,
      };
    },
  );

const text = (status: number, body: string): RouteResponse => ({ status, contentType: 'text/plain; charset=utf-8', body });

/** `GET /article/:id.txt`: the article itself, as plain text (the same text for the same seed and id). */
export function articleRoute(articles: Articles, seed: string): RouteDeclaration {
  return {
    method: 'GET',
    path: '/article/:id.txt',
    description: 'The article itself (text/plain); its metadata is at /article/:id',
    handler(params) {
      const raw = params.id ?? '';
      if (!ID.test(raw)) return text(400, `article id must be a whole number, got ${JSON.stringify(raw.slice(0, 40))}`);
      const id = Number(raw);
      if (id >= articles.count) return text(404, `no article ${id}`);
      return text(200, `${articles.headlines[id]}\n\n${articleBody(seed, id, articles.words[id])}\n`);
    },
  };
}

/** Filler prose of the article's length, drawn from a stream of its own so that serving it never moves the world's streams. */
function articleBody(seed: string, id: number, words: number): string {
  const r = new RandomStream(`${seed}/article/${id}`);
  const vocabulary = [
    'the',
    'report',
    'said',
    'today',
    'after',
    'new',
    'plan',
    'people',
    'city',
    'data',
    'would',
    'more',
    'than',
    'year',
    'team',
    'first',
    'local',
    'change',
  ];
  return Array.from({ length: words }, () => vocabulary[r.int(vocabulary.length)]).join(' ');
}
