/**
 * Movie ids as the course's stream and API spell them: the lower-case title, each space a `+`,
 * each comma a `_`, accents dropped, `.` and `-` kept, other punctuation dropped (without
 * collapsing the `+` around it: "Batman & Robin" is `batman++robin+1997`), then `+<year>`.
 * Examples from real course data: `monsters_+inc.+2001`, `leon+the+professional+1994`,
 * `the+twilight+saga+breaking+dawn+-+part+1+2011`, `kill+bill+vol.+1+2003`.
 */
const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i' };

const NON_ASCII = /[^\x20-\x7e]/;

export function titleSlug(title: string): string {
  const lower = title.trim().toLowerCase();
  // Most titles are plain ASCII: they need no accent folding (the costliest step, for millions of movies).
  const plain = NON_ASCII.test(lower)
    ? lower
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[ßæœøđłþðı]/g, (c) => LIGATURES[c] ?? '')
    : lower;
  return plain
    .replace(/,/g, '_')
    .replace(/\s/g, '+')
    .replace(/[^a-z0-9_+.-]/g, '');
}

export function movieSlug(title: string, year: number): string {
  let base = titleSlug(title);
  // A title of only non-Latin script or punctuation leaves nothing to read: give it a stable word.
  if (!/[a-z0-9]/.test(base)) base = 'untitled';
  return `${base}+${year}`;
}

/** Syntax of a movie id: what `movieSlug` can produce, the year always last. */
export const MOVIE_ID_PATTERN = /^[a-z0-9_+.-]+\+\d{1,4}$/;

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** 2 -> "II", 14 -> "XIV": how a title that comes again is told apart, as sequels are. */
export function romanNumeral(n: number): string {
  let rest = Math.floor(n);
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/**
 * Gives each slug once. A slug that is taken gets a word in its title part, never anything after
 * the year: a second "War of the Worlds (2005)" becomes `war+of+the+worlds+ii+2005`, a third
 * `...+iii+2005`, so that a consumer that reads the last `+` part as the year is always right.
 */
export class SlugRegistry {
  private readonly taken = new Set<string>();
  /** The next numeral to try per slug, so that many copies of one title cost no rescans. */
  private readonly next = new Map<string, number>();

  claim(slug: string): string {
    if (!this.taken.has(slug)) {
      this.taken.add(slug);
      return slug;
    }
    const cut = slug.lastIndexOf('+');
    const base = cut > 0 ? slug.slice(0, cut) : slug;
    const year = cut > 0 ? slug.slice(cut) : '';
    let k = this.next.get(slug) ?? 2;
    let unique = `${base}+${romanNumeral(k).toLowerCase()}${year}`;
    while (this.taken.has(unique)) unique = `${base}+${romanNumeral(++k).toLowerCase()}${year}`;
    this.next.set(slug, k + 1);
    this.taken.add(unique);
    return unique;
  }
}
