"""The model: popularity plus item-item co-occurrence, learnt from the stream.

- popularity: views per movie (a view = a user starting a movie, not every minute line);
- item-item: movies viewed by the same user close together ("people who watched X also watched
  Y"), scored like cosine similarity so that blockbusters do not neighbour everything; a pair
  needs min_support co-views (default 2): a pair seen once is mostly chance, and cosine would
  score such rare pairs highest.

A user's list is the movies most similar to what they watched lately, topped up with the most
popular ones; movies they already watched, and those we showed them last time (users skip a list
they have already seen), are left out.
"""
import math
import threading
from collections import defaultdict

from stream_lines import parse_line


class Recommender:
    def __init__(self, list_size=20, seeds=10, history=50, max_neighbours=300, min_support=2, audience=None):
        self.list_size = list_size
        # Optional (AudienceFilter): sees every parsed line, and says which movies may go to whom.
        self.audience = audience
        self.seeds = seeds
        self.history = history
        self.max_neighbours = max_neighbours
        self.min_support = min_support
        self.views = defaultdict(int)  # movie -> views
        self.co_views = defaultdict(lambda: defaultdict(int))  # movie -> movie -> views together
        self.recent = {}  # user -> latest movies, most recent first
        self.served = {}  # user -> the list we answered last time
        self.stats = dict(lines=0, malformed=0, views=0, ratings=0, requests=0, personalised=0)
        self._ranking = []
        self._ranking_stale = False
        # The stream thread writes and the web server's threads read: one lock keeps them apart.
        self.lock = threading.Lock()

    def handle_line(self, line: str) -> None:
        """Learns from one raw stream line; malformed ones are counted and skipped."""
        self.stats["lines"] += 1
        event = parse_line(line)
        if event is None:
            self.stats["malformed"] += 1
            return
        if self.audience is not None:
            self.audience.observe(event)
        if event.kind == "rate":
            self.stats["ratings"] += 1
        elif event.kind == "watch":
            self._watch(event.user, event.movie)

    def _watch(self, user: str, movie: str) -> None:
        recent = self.recent.setdefault(user, [])
        # Minute lines of the movie the user is already watching (pauses, rewinds) continue that
        # view; a line of another movie starts a new one.
        if recent and recent[0] == movie:
            return
        self.stats["views"] += 1
        self.views[movie] += 1
        self._ranking_stale = True
        for other in recent[: self.seeds]:
            if other != movie:
                self._bump(movie, other)
                self._bump(other, movie)
        if movie in recent:
            recent.remove(movie)
        recent.insert(0, movie)
        del recent[self.history :]

    def _bump(self, a: str, b: str) -> None:
        row = self.co_views[a]
        row[b] += 1
        # A popular movie co-occurs with nearly everything: keep its strongest neighbours only,
        # which bounds memory and the cost of a request.
        if len(row) > 2 * self.max_neighbours:
            strongest = sorted(row.items(), key=lambda kv: -kv[1])[: self.max_neighbours]
            self.co_views[a] = defaultdict(int, strongest)

    def ranking(self):
        """All viewed movies, most viewed first (ties by id); sorted only when a request needs it."""
        if self._ranking_stale:
            self._ranking = sorted(self.views, key=lambda m: (-self.views[m], m))
            self._ranking_stale = False
        return self._ranking

    def recommend(self, user: str):
        self.stats["requests"] += 1
        recent = self.recent.get(user, [])
        excluded = set(recent) | set(self.served.get(user, ()))
        suits = (lambda movie: True) if self.audience is None else (lambda movie: self.audience.suits(user, movie))
        picks = [movie for movie in self._similar_to(recent[: self.seeds], excluded) if suits(movie)]
        if picks:
            self.stats["personalised"] += 1
        chosen = set(picks)
        for movie in self.ranking():
            if len(picks) >= self.list_size:
                break
            if movie not in excluded and movie not in chosen and suits(movie):
                picks.append(movie)
                chosen.add(movie)
        self.served[user] = picks
        return picks

    def _similar_to(self, seeds, excluded):
        scores = defaultdict(float)
        for i, seed in enumerate(seeds):
            recency = 1.0 / (1 + i)  # the latest movie says most about today's taste
            for movie, together in self.co_views.get(seed, {}).items():
                if together >= self.min_support and movie not in excluded:
                    scores[movie] += recency * together / math.sqrt(self.views[seed] * self.views[movie])
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[: self.list_size]
        return [movie for movie, _ in best]

    def health(self):
        body = dict(self.stats, users=len(self.recent), movies=len(self.views))
        if self.audience is not None:
            body["audience"] = dict(self.audience.stats)
        return body
