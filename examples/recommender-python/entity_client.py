"""Reads users and movies from the course's entity API, patiently.

Bulk lookups ask for up to 200 comma-separated ids per request. When the API answers 429 (too
many requests; the course allows 100 per second per client) the client waits the seconds its
`Retry-After` header names and asks again, so a sequential lookup loop loses nothing to the
limit. Standard library only.
"""

import json
import time
import urllib.error
import urllib.parse
import urllib.request

MAX_IDS_PER_REQUEST = 200


def retry_after_seconds(header):
    """`Retry-After` in seconds (a number or an HTTP date); one second when missing or unreadable."""
    if header is None:
        return 1.0
    try:
        return max(0.05, float(header))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return max(0.05, parsedate_to_datetime(header).timestamp() - time.time())
    except (TypeError, ValueError):
        return 1.0


class EntityClient:
    def __init__(self, base_url, token=None, max_retries=20, sleep=time.sleep, timeout=10):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.max_retries = max_retries
        self.sleep = sleep
        self.timeout = timeout
        self.stats = {"requests": 0, "throttled": 0, "waited_s": 0.0}

    def get_many(self, collection, ids):
        """The entities with these ids, in order, None for an unknown id; one request per 200 ids."""
        out = []
        for i in range(0, len(ids), MAX_IDS_PER_REQUEST):
            chunk = ids[i : i + MAX_IDS_PER_REQUEST]
            path = "/%s/%s" % (collection, ",".join(urllib.parse.quote(x, safe="+") for x in chunk))
            body = self._request(path)
            out.extend([body] if len(chunk) == 1 else body)
        return out

    def _request(self, path):
        headers = {"Authorization": "Bearer %s" % self.token} if self.token else {}
        attempt = 0
        while True:
            self.stats["requests"] += 1
            request = urllib.request.Request(self.base_url + path, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                error.read()
                if error.code == 429 and attempt < self.max_retries:
                    attempt += 1
                    wait = retry_after_seconds(error.headers.get("Retry-After"))
                    self.stats["throttled"] += 1
                    self.stats["waited_s"] += wait
                    self.sleep(wait)
                    continue
                if error.code == 404:
                    return None
                raise RuntimeError("entity API %s: %d" % (path[:80], error.code)) from error
