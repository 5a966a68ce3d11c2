import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from audience_filter import ADULT_AGE, AudienceFilter
from entity_client import EntityClient
from recommender import Recommender


def age_of(user):
    return 10 + int(user) % 50  # users 1-7, 51-57, ... are minors


def certificate_of(movie):
    return "R" if movie.startswith("r+") else "PG-13"


class EntityApi(BaseHTTPRequestHandler):
    """Answers like prodsim's entity API (bulk lists, null for unknown ids), 2 requests a window, then 429."""

    budget = 2
    seen = []

    def do_GET(self):
        type(self).seen.append(self.path)
        if type(self).budget <= 0:
            type(self).budget = 2  # the window passes while the client waits
            self.send_response(429)
            self.send_header("Retry-After", "1")
            body = {"statusCode": 429, "error": "Too Many Requests", "message": "rate limit"}
        else:
            type(self).budget -= 1
            _, collection, ids = self.path.split("/", 2)
            items = [
                None if i.startswith("unknown") else {"user_id": int(i), "age": age_of(i)} if collection == "user" else {"id": i, "certificate": certificate_of(i)}
                for i in ids.split(",")
            ]
            body = items if "," in ids else items[0]
            self.send_response(200)
        data = json.dumps(body).encode()
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def watch(user, movie):
    return "2026-01-05T08:00:00,%s,GET /data/m/%s/1.mpg" % (user, movie)


class AudienceFilterTest(unittest.TestCase):
    def setUp(self):
        EntityApi.budget = 2
        EntityApi.seen = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), EntityApi)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.waits = []
        self.filter = AudienceFilter(EntityClient(self.url, sleep=self.waits.append))

    def tearDown(self):
        self.filter.stop()
        self.server.shutdown()
        self.server.server_close()

    def test_learns_every_id_the_stream_names_in_bulk_through_429s(self):
        model = Recommender(audience=self.filter)
        movies = ["r+%d+2000" % i for i in range(150)] + ["pg+%d+2000" % i for i in range(300)]
        for u in range(1, 501):
            model.handle_line(watch(u, movies[u % len(movies)]))
        self.assertTrue(self.filter.settle())
        self.assertEqual(self.filter.stats["users"], 500)
        self.assertEqual(self.filter.stats["movies"], 450)
        # 3 user requests and 3 movie requests of up to 200 ids; two met a 429 and were sent again.
        self.assertEqual(self.filter.client.stats["requests"] - self.filter.client.stats["throttled"], 6)
        self.assertGreaterEqual(self.filter.client.stats["throttled"], 1)
        self.assertEqual(len(self.waits), self.filter.client.stats["throttled"])
        wrong = sum(
            1
            for u in range(1, 501)
            for m in movies
            if self.filter.suits(str(u), m) != (age_of(str(u)) >= ADULT_AGE or certificate_of(m) != "R")
        )
        self.assertEqual(wrong, 0)
        self.assertEqual(model.health()["audience"]["users"], 500)

    def test_minors_get_no_r_rated_movie_adults_do_unknown_users_are_not_held_back(self):
        model = Recommender(audience=self.filter)
        rated = ["r+%d+2000" % i for i in range(10)]
        for u in range(100, 200):  # the R-rated movies are the most watched
            for m in rated:
                model.handle_line(watch(u, m))
        for i in range(40):
            model.handle_line(watch(99, "pg+%d+2000" % i))
        self.assertTrue(self.filter.settle())
        unknown_minor, known_minor, adult = "3", "4", "30"
        self.assertEqual(len([m for m in model.recommend(unknown_minor) if m in rated]), 10)
        model.handle_line(watch(known_minor, "pg+0+2000"))
        model.handle_line(watch(adult, "pg+0+2000"))
        self.assertTrue(self.filter.settle())
        minor_list = model.recommend(known_minor)
        self.assertEqual(len(minor_list), 20)
        self.assertEqual([m for m in minor_list if m in rated], [])
        self.assertEqual(len([m for m in model.recommend(adult) if m in rated]), 10)

    def test_forgets_ids_whose_request_failed(self):
        down = AudienceFilter(EntityClient("http://127.0.0.1:1", timeout=2), pause_after_failure=0.01)
        try:
            model = Recommender(audience=down)
            model.handle_line("2026-01-05T08:00:00,5,GET /create_account")
            self.assertTrue(down.settle())
            self.assertEqual(down.stats["failures"], 1)
            model.handle_line("2026-01-05T08:00:01,5,GET /create_account")
            self.assertTrue(down.settle())
            self.assertEqual(down.stats["failures"], 2)
            self.assertTrue(down.suits("5", "r+1+2000"))
        finally:
            down.stop()


if __name__ == "__main__":
    unittest.main()
