"""Keeps R-rated movies from minors, as a team's service must.

Learns users' ages and movies' certificates from the course's entity API on a background thread,
in bulk (up to 200 ids a request, waiting out the API's 429s through EntityClient), for every
user and movie the stream names. Nothing on the request path waits for the API: what is not
known yet is allowed. Standard library only.
"""
import threading

from entity_client import MAX_IDS_PER_REQUEST

ADULT_AGE = 18  # the course counts watches of R-rated movies by users under 18
ADULTS_ONLY = {"R", "NC-17"}


class AudienceFilter:
    def __init__(self, client, pause_after_failure=1.0):
        self.client = client
        # After a failed request, wait before the next: an API outage (5xx to every request) must
        # not turn the stream's mentions of users and movies into a storm of requests.
        self.pause_after_failure = pause_after_failure
        self.ages = {}  # user -> age
        self.certificates = {}  # movie -> certificate
        self.stats = {"users": 0, "movies": 0, "failures": 0, "last_error": None}
        self._wanted = {"user": [], "movie": []}  # named by the stream, not asked for yet
        self._seen = {"user": set(), "movie": set()}  # asked for or known: each id is fetched once
        self._busy = False
        self._stopping = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="entity-api-lookups", daemon=True)
        self._thread.start()

    def observe(self, event):
        """Notes the user (and movie) a parsed stream line names; the background thread fetches them."""
        with self._changed:
            self._want("user", event.user)
            if event.kind in ("watch", "rate"):
                self._want("movie", event.movie)

    def suits(self, user, movie):
        """Whether the movie may go to the user: not an adults-only movie to a user known to be a minor."""
        age = self.ages.get(user)
        if age is None or age >= ADULT_AGE:
            return True
        return self.certificates.get(movie) not in ADULTS_ONLY

    def settle(self, timeout=60):
        """Waits until nothing is left to fetch (tests and shutdown); False if it took longer."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._busy and not any(self._wanted.values()), timeout)

    def stop(self):
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        self._thread.join(timeout=5)

    def _want(self, collection, id_):
        if id_ in self._seen[collection]:
            return
        self._seen[collection].add(id_)
        self._wanted[collection].append(id_)
        self._changed.notify_all()

    def _run(self):
        while True:
            with self._changed:
                self._busy = False
                self._changed.notify_all()
                self._changed.wait_for(lambda: self._stopping or any(self._wanted.values()))
                if self._stopping:
                    return
                collection = "user" if self._wanted["user"] else "movie"
                ids = self._wanted[collection][:MAX_IDS_PER_REQUEST]
                del self._wanted[collection][:MAX_IDS_PER_REQUEST]
                self._busy = True
            try:
                records = self.client.get_many(collection, ids)
            except Exception as error:  # the API is down or refuses: the stream's next mention retries
                with self._changed:
                    self.stats["failures"] += 1
                    self.stats["last_error"] = str(error)
                    self._seen[collection].difference_update(ids)
                    self._changed.wait_for(lambda: self._stopping, self.pause_after_failure)
                continue
            with self._changed:
                for id_, record in zip(ids, records):
                    if collection == "user" and isinstance(record, dict) and isinstance(record.get("age"), int):
                        self.ages[id_] = record["age"]
                        self.stats["users"] += 1
                    elif collection == "movie" and isinstance(record, dict) and isinstance(record.get("certificate"), str):
                        self.certificates[id_] = record["certificate"]
                        self.stats["movies"] += 1
