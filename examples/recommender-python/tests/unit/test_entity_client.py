import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from entity_client import EntityClient, retry_after_seconds


class LimitedApi(BaseHTTPRequestHandler):
    """Answers like prodsim's entity API with a limit of 2 requests, then 429 until reset."""

    budget = 2
    seen = []

    def do_GET(self):
        type(self).seen.append(self.path)
        if type(self).budget <= 0:
            type(self).budget = 2  # the window passes while the client waits
            body = json.dumps({"statusCode": 429, "error": "Too Many Requests", "message": "rate limit"}).encode()
            self.send_response(429)
            self.send_header("Retry-After", "1")
        else:
            type(self).budget -= 1
            ids = self.path.split("/", 2)[2].split(",")
            items = [None if i.startswith("unknown") else {"id": i} for i in ids]
            body = json.dumps(items if len(ids) > 1 else items[0]).encode()
            self.send_response(404 if items[0] is None and len(ids) == 1 else 200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class EntityClientTest(unittest.TestCase):
    def setUp(self):
        LimitedApi.budget = 2
        LimitedApi.seen = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), LimitedApi)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_bulk_lookups_wait_out_429_and_lose_nothing(self):
        waits = []
        client = EntityClient(self.url, sleep=waits.append)
        ids = ["m+%d+2000" % i for i in range(450)]
        movies = client.get_many("movie", ids)
        self.assertEqual([m["id"] for m in movies], ids)
        # 450 ids = 3 bulk requests; the third met a 429, waited Retry-After, and was sent again.
        self.assertEqual(client.stats["throttled"], 1)
        self.assertEqual(waits, [1.0])
        self.assertEqual(len(LimitedApi.seen), 4)
        self.assertEqual(len(LimitedApi.seen[0].split(",")), 200)

    def test_unknown_id_is_none(self):
        client = EntityClient(self.url, sleep=lambda s: None)
        self.assertEqual(client.get_many("movie", ["unknown+1900"]), [None])

    def test_retry_after_forms(self):
        self.assertEqual(retry_after_seconds("3"), 3.0)
        self.assertEqual(retry_after_seconds(None), 1.0)
        self.assertEqual(retry_after_seconds("soon"), 1.0)


if __name__ == "__main__":
    unittest.main()
