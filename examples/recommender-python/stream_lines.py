"""Parsing the movielog stream's plain-text lines (the course's wire contract).

    2020-06-25T13:44:14,601844,GET /data/m/goyas+ghosts+2006/17.mpg
    2022-10-06T01:31:18,230550,GET /rate/narc+2002=4
    2024-02-27T18:45:18.198010,145051,recommendation request host:8082, status 200, result: a+1950, b+1960, 140 ms
    2026-01-05T08:00:00,7,GET /create_account
"""
import re
from typing import NamedTuple, Optional

TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$")
USER = re.compile(r"^\d{1,12}$")
MOVIE = re.compile(r"^[a-z0-9_+.\-]{1,300}$")
WATCH = re.compile(r"^GET /data/m/([^/]+)/(\d{1,5})\.mpg$")
RATE = re.compile(r"^GET /rate/([^=]+)=(\d{1,2})$")
RECOMMENDATION = re.compile(r"^recommendation request \S+, status (\d{1,3}), ")


class Line(NamedTuple):
    kind: str  # "watch", "rate", "recommendation" or "account"
    time: str
    user: str
    movie: Optional[str] = None
    number: Optional[int] = None  # the minute, the rating or the HTTP status


def parse_line(line: str) -> Optional[Line]:
    """One parsed line, or None when it does not follow the contract.

    The course injects malformed lines on purpose (missing fields, wrong types, changed formats):
    count and skip them rather than crash or learn from garbage.
    """
    parts = line.split(",", 2)
    if len(parts) < 3:
        return None
    time, user, rest = parts
    if not TIME.match(time) or not USER.match(user):
        return None
    m = WATCH.match(rest)
    if m:
        return Line("watch", time, user, m.group(1), int(m.group(2))) if MOVIE.match(m.group(1)) else None
    m = RATE.match(rest)
    if m:
        return Line("rate", time, user, m.group(1), int(m.group(2))) if MOVIE.match(m.group(1)) else None
    m = RECOMMENDATION.match(rest)
    if m:
        return Line("recommendation", time, user, number=int(m.group(1)))
    if rest == "GET /create_account":
        return Line("account", time, user)
    return None
