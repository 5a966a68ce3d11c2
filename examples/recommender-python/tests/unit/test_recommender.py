import itertools
import unittest

from recommender import Recommender

_seconds = itertools.count()


def watch(user, movie, minute=1):
    return f"2026-01-05T10:00:{next(_seconds) % 60:02d},{user},GET /data/m/{movie}/{minute}.mpg"


def views(model, user, movies):
    """A user's viewing: each movie as a few minute lines, in order."""
    for movie in movies:
        for minute in (1, 2, 3):
            model.handle_line(watch(user, movie, minute))


class RecommenderTest(unittest.TestCase):
    def test_one_view_per_started_movie(self):
        model = Recommender()
        views(model, 1, ["a+2000"])
        model.handle_line(watch(1, "a+2000", 1))  # rewind to the start
        self.assertEqual((model.stats["lines"], model.stats["views"]), (4, 1))
        views(model, 2, ["a+2000"])
        self.assertEqual(model.views["a+2000"], 2)

    def test_malformed_lines_are_counted_and_skipped(self):
        model = Recommender()
        model.handle_line("not a line")
        model.handle_line("2026-01-05T10:00:00,x,GET /data/m/a+2000/1.mpg")
        model.handle_line("2026-01-05T10:00:00,4,GET /rate/a+2000=4")
        self.assertEqual((model.stats["malformed"], model.stats["ratings"], model.stats["views"]), (2, 1, 0))
        self.assertEqual(len(model.views), 0)

    def test_unknown_user_gets_the_most_popular_best_first(self):
        model = Recommender(list_size=3)
        views(model, 1, ["a+2000", "b+2000", "c+2000"])
        views(model, 2, ["b+2000", "c+2000"])
        views(model, 3, ["c+2000", "d+2000"])
        self.assertEqual(model.recommend("99"), ["c+2000", "b+2000", "a+2000"])

    def test_personalised_by_co_views_and_never_what_was_watched(self):
        model = Recommender(list_size=3)
        for user in range(1, 4):
            views(model, user, ["x1+2000", "x2+2000", "x3+2000"])
        for user in range(10, 17):  # the y movies are more popular overall
            views(model, user, ["y1+2000", "y2+2000", "y3+2000"])
        views(model, 50, ["x1+2000"])
        picks = model.recommend("50")
        self.assertEqual(sorted(picks[:2]), ["x2+2000", "x3+2000"])
        self.assertNotIn("x1+2000", picks)
        self.assertEqual(model.stats["personalised"], 1)
        views(model, 51, ["y2+2000"])
        self.assertEqual(sorted(model.recommend("51")[:2]), ["y1+2000", "y3+2000"])

    def test_pairs_co_viewed_once_are_ignored(self):
        model = Recommender(list_size=2)
        views(model, 1, ["rare1+2000", "rare2+2000"])
        for user in range(2, 5):
            views(model, user, ["hit1+2000", "hit2+2000"])
        views(model, 5, ["rare1+2000"])
        self.assertEqual(model.recommend("5"), ["hit1+2000", "hit2+2000"])
        self.assertEqual(model.stats["personalised"], 0)
        views(model, 6, ["rare1+2000", "rare2+2000"])  # a second co-view: now it counts
        self.assertEqual(model.recommend("5")[0], "rare2+2000")

    def test_does_not_repeat_the_last_list(self):
        model = Recommender(list_size=2)
        views(model, 1, ["a+2000", "b+2000", "c+2000", "d+2000"])
        views(model, 2, ["a+2000", "b+2000", "c+2000"])
        views(model, 3, ["a+2000", "b+2000"])
        first = model.recommend("7")
        self.assertEqual(first, ["a+2000", "b+2000"])
        self.assertEqual(model.recommend("7"), ["c+2000", "d+2000"])
        self.assertEqual(model.recommend("7"), first)

    def test_list_size_bounds_the_answer(self):
        model = Recommender()
        self.assertEqual(model.recommend("1"), [])
        for m in range(40):
            views(model, m, [f"m{m}+2000"])
        self.assertEqual(len(model.recommend("1")), 20)


if __name__ == "__main__":
    unittest.main()
