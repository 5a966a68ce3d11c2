/**
 * Movie ids as the course's stream and API spell them: the lower-case title, each space a `+`,
 * each comma a `_`, accents dropped, `.` and `-` kept, other punctuation dropped (without
 * collapsing the `+` around it: "Batman & Robin" is `batman++robin+1997`), then `+<year>`.
 * Examples from real course data: `monsters_+inc.+2001`, `leon+the+professional+1994`,
 * `the+twilight+saga+breaking+dawn+-+part+1+2011`, `kill+bill+vol.+1+2003`.
 */
const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i' };

export function titleSlug(title: string): string {
  const plain = title
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæœøđłþðı]/g, (c) => LIGATURES[c] ?? '');
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

/** Syntax of a movie id: what `movieSlug` can produce (plus the `+<n>` de-duplication suffix). */
export const MOVIE_ID_PATTERN = /^[a-z0-9_+.-]+\+\d{1,4}(\+\d+)?$/;

/** Gives each slug once: a second "War of the Worlds (2005)" becomes `war+of+the+worlds+2005+2`. */
export class SlugRegistry {
  private readonly taken = new Map<string, number>();

  claim(slug: string): string {
    const n = this.taken.get(slug);
    if (n === undefined) {
      this.taken.set(slug, 1);
      return slug;
    }
    let k = n + 1;
    while (this.taken.has(`${slug}+${k}`)) k++;
    this.taken.set(slug, k);
    const unique = `${slug}+${k}`;
    this.taken.set(unique, 1);
    return unique;
  }
}
