/**
 * Streams with known answers for the grading and dashboard tests: two teams over two days.
 * - good: every request answered 200 in 10..109 ms, each user their own list, lists on day 2 made
 *   of other movies than day 1's (a model update), and 30 of each day's 100 users start the first
 *   movie of their list half an hour later (uptake 0.3).
 * - flaky: every second request times out (status 0, 800 ms), the rest answered 200 in 50 ms with
 *   the same list for everyone on both days (nothing personalised, no update).
 */
const DAY = 86_400_000;
const stamp = (t: number, micros: boolean) => new Date(t).toISOString().slice(0, micros ? 23 : 19) + (micros ? '000' : '');

export const KNOWN_START = Date.UTC(2026, 0, 5);

export function knownLog(team: 'good' | 'flaky'): string[] {
  const lines: { time: number; text: string }[] = [];
  for (let day = 0; day < 2; day++) {
    for (let u = 1; u <= 100; u++) {
      const time = KNOWN_START + day * DAY + 9 * 3_600_000 + u * 10_000;
      if (team === 'good') {
        const base = day * 100 + u;
        const ids = Array.from({ length: 20 }, (_, i) => `movie+${base + i}+2000`);
        lines.push({ time, text: `${stamp(time, true)},${u},recommendation request good.example:8082, status 200, result: ${ids.join(', ')}, ${9 + u} ms` });
        if (u <= 30) lines.push({ time: time + 1_800_000, text: `${stamp(time + 1_800_000, false)},${u},GET /data/m/${ids[0]}/1.mpg` });
      } else if (u % 2 === 0) {
        const error = 'java.util.concurrent.TimeoutException: Request timeout to flaky.example:8082 after 800 ms';
        lines.push({ time, text: `${stamp(time, true)},${u},recommendation request flaky.example:8082, status 0, result: ${error}, 800 ms` });
      } else {
        const ids = Array.from({ length: 20 }, (_, i) => `popular+${i}+1999`);
        lines.push({ time, text: `${stamp(time, true)},${u},recommendation request flaky.example:8082, status 200, result: ${ids.join(', ')}, 50 ms` });
      }
    }
  }
  return lines.sort((a, b) => a.time - b.time).map((l) => l.text);
}
