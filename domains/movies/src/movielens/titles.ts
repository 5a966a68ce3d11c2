const ARTICLES = [
  'The',
  'A',
  'An',
  'Les',
  'La',
  'Le',
  "L'",
  'Il',
  'El',
  'Das',
  'Der',
  'Die',
  'Los',
  'Las',
  'Un',
  'Une',
  'Det',
  'Den',
  'Gli',
  'Lo',
  'Os',
  'As',
  'I',
];
const TRAILING_ARTICLE = new RegExp(`^(.+), (${ARTICLES.map((a) => a.replace("'", "\\'")).join('|')})$`);

/**
 * MovieLens titles as people (and the course's slugs) write them: "Shawshank Redemption, The
 * (1994)" is "The Shawshank Redemption" of 1994; alternative titles in trailing parentheses
 * ("City of Lost Children, The (Cité des enfants perdus, La) (1995)") are dropped.
 */
export function splitMovieLensTitle(raw: string): { title: string; year: number | undefined } {
  let t = raw.trim();
  let year: number | undefined;
  const y = /\s*\((\d{4})(?:\s*[-–]\s*\d{0,4})?\)\s*$/.exec(t);
  if (y) {
    year = Number(y[1]);
    t = t.slice(0, y.index);
  }
  for (;;) {
    const alt = /\s*\([^()]*\)$/.exec(t);
    if (!alt || alt.index === 0) break;
    t = t.slice(0, alt.index);
  }
  t = t.trim();
  const a = TRAILING_ARTICLE.exec(t);
  if (a) t = a[2].endsWith("'") ? `${a[2]}${a[1]}` : `${a[2]} ${a[1]}`;
  return { title: t, year };
}
