"""The Flask app (needs Flask: run with .venv/bin/python after ./setup.sh)."""
import unittest

from app import create_app
from recommender import Recommender


class AppTest(unittest.TestCase):
    def setUp(self):
        model = Recommender()
        for user, movie in [(1, "a+2000"), (2, "a+2000"), (2, "b+2000")]:
            model.handle_line(f"2026-01-05T10:00:00,{user},GET /data/m/{movie}/1.mpg")
        self.client = create_app(model).test_client()

    def test_recommend_answers_one_plain_text_line(self):
        res = self.client.get("/recommend/77")
        self.assertEqual(res.status_code, 200)
        self.assertTrue(res.content_type.startswith("text/plain"))
        self.assertEqual(res.get_data(as_text=True), "a+2000,b+2000")

    def test_bad_user_id_is_a_400_with_a_reason(self):
        res = self.client.get("/recommend/%27%3B%20DROP%20TABLE")
        self.assertEqual(res.status_code, 400)
        self.assertIn("user id must be a number", res.get_data(as_text=True))
        self.assertEqual(self.client.get("/recommend/1").status_code, 200)

    def test_health_reports_what_was_learnt(self):
        body = self.client.get("/health").get_json()
        self.assertEqual((body["ok"], body["lines"], body["views"], body["users"], body["movies"]), (True, 3, 3, 2, 2))


if __name__ == "__main__":
    unittest.main()
