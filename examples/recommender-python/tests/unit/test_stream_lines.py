import unittest

from stream_lines import Line, parse_line


class ParseLineTest(unittest.TestCase):
    def test_reads_the_course_samples(self):
        self.assertEqual(
            parse_line("2020-06-25T13:44:14,601844,GET /data/m/goyas+ghosts+2006/17.mpg"),
            Line("watch", "2020-06-25T13:44:14", "601844", "goyas+ghosts+2006", 17),
        )
        self.assertEqual(parse_line("2022-10-06T01:31:18,230550,GET /rate/narc+2002=4"), Line("rate", "2022-10-06T01:31:18", "230550", "narc+2002", 4))
        rec = parse_line(
            "2024-02-27T18:45:18.198010,145051,recommendation request 17645-team05.isri.cmu.edu:8082, status 200, result: rashomon+1950, the+apartment+1960, 140 ms"
        )
        self.assertEqual((rec.kind, rec.user, rec.number), ("recommendation", "145051", 200))
        timeout = parse_line(
            "2022-02-09T01:45:32.945123,284507,recommendation request team17:8082, status 0, result: java.util.concurrent.TimeoutException: Request timeout after 800 ms, 815 ms"
        )
        self.assertEqual(timeout.number, 0)
        self.assertEqual(parse_line("2026-01-05T08:00:00,7,GET /create_account").kind, "account")
        self.assertEqual(parse_line("2020-01-01T00:00:00,1,GET /data/m/monsters_+inc.+2001/1.mpg").movie, "monsters_+inc.+2001")

    def test_rejects_malformed_lines(self):
        for line in [
            "",
            "garbage",
            "2020-06-25T13:44:14,,GET /data/m/x+2000/1.mpg",
            "2020-06-25T13:44:14,abc,GET /data/m/x+2000/1.mpg",
            "yesterday,5,GET /data/m/x+2000/1.mpg",
            "2020-06-25T13:44:14,5,GET /data/m/x+2000/one.mpg",
            "2020-06-25T13:44:14,5,GET /data/movie/x+2000/1.mpg",
            "2020-06-25T13:44:14,5,GET /data/m/x+2000/1.mpg,ios",
            "2020-06-25T13:44:14,5,GET /rate/x+2000=five",
            "2020-06-25T13:44:14,5,GET /rate/X+2000=4",
            "2024-02-27T18:45:18.198010,5,recommendation request host:8082, result: a, 1 ms",
            '{"user":5,"movie":"x+2000"}',
        ]:
            with self.subTest(line=line):
                self.assertIsNone(parse_line(line))


if __name__ == "__main__":
    unittest.main()
