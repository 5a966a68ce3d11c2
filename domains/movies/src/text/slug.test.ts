import { describe, expect, it } from 'vitest';
import { splitMovieLensTitle } from '../movielens/titles.js';
import { MOVIE_ID_PATTERN, movieSlug } from './slug.js';

describe('movie slugs (the course contract)', () => {
  // Left: title and year; right: the id as it appears in real course streams and docs.
  const cases: [string, number, string][] = [
    ['Monsters, Inc.', 2001, 'monsters_+inc.+2001'],
    ['The Lion King', 1994, 'the+lion+king+1994'],
    ["Goya's Ghosts", 2006, 'goyas+ghosts+2006'],
    ['Batman & Robin', 1997, 'batman++robin+1997'],
    ['Léon: The Professional', 1994, 'leon+the+professional+1994'],
    ['The Twilight Saga: Breaking Dawn - Part 1', 2011, 'the+twilight+saga+breaking+dawn+-+part+1+2011'],
    ['Kill Bill: Vol. 1', 2003, 'kill+bill+vol.+1+2003'],
    ['Se7en', 1995, 'se7en+1995'],
    ['2001: A Space Odyssey', 1968, '2001+a+space+odyssey+1968'],
    ["Harry Potter and the Philosopher's Stone", 2001, 'harry+potter+and+the+philosophers+stone+2001'],
    ['Harry Potter and the Half-Blood Prince', 2009, 'harry+potter+and+the+half-blood+prince+2009'],
    ["Howl's Moving Castle", 2004, 'howls+moving+castle+2004'],
    ['Spider-Man 3', 2007, 'spider-man+3+2007'],
    ['X-Men: Days of Future Past', 2014, 'x-men+days+of+future+past+2014'],
    ['Terminator 2: Judgment Day', 1991, 'terminator+2+judgment+day+1991'],
    ["One Flew Over the Cuckoo's Nest", 1975, 'one+flew+over+the+cuckoos+nest+1975'],
    ['Pirates of the Caribbean: The Curse of the Black Pearl', 2003, 'pirates+of+the+caribbean+the+curse+of+the+black+pearl+2003'],
  ];
  it.each(cases)('%s (%i) -> %s', (title, year, slug) => {
    expect(movieSlug(title, year)).toBe(slug);
    expect(MOVIE_ID_PATTERN.test(slug)).toBe(true);
  });

  it('drops accents and other punctuation, keeps . and -, turns every comma into _', () => {
    expect(movieSlug('Amélie', 2001)).toBe('amelie+2001');
    expect(movieSlug('Straße, Ærø & Œuvre!', 2020)).toBe('strasse_+aero++oeuvre+2020');
    expect(movieSlug('What?! Really...', 1999)).toBe('what+really...+1999');
    expect(movieSlug('  Trimmed  ', 2000)).toBe('trimmed+2000');
    expect(movieSlug('Tab\tSeparated', 2000)).toBe('tab+separated+2000');
  });

  it('gives a title with nothing readable a stable word rather than an empty id', () => {
    expect(movieSlug('七人の侍', 1954)).toBe('untitled+1954');
    expect(MOVIE_ID_PATTERN.test(movieSlug('七人の侍', 1954))).toBe(true);
  });
});

describe('MovieLens titles as the course spells them', () => {
  it.each([
    ['Shawshank Redemption, The (1994)', 'The Shawshank Redemption', 1994],
    ['City of Lost Children, The (Cité des enfants perdus, La) (1995)', 'The City of Lost Children', 1995],
    ['Monsters, Inc. (2001)', 'Monsters, Inc.', 2001],
    ['(500) Days of Summer (2009)', '(500) Days of Summer', 2009],
    ['Ilsa, the Wicked Warden (a.k.a. Greta, the Mad Butcher) (1977)', 'Ilsa, the Wicked Warden', 1977],
    ['Enfants du paradis, Les (1945)', 'Les Enfants du paradis', 1945],
    ["Avventura, L' (1960)", "L'Avventura", 1960],
    ['Babylon 5', 'Babylon 5', undefined],
    ['Stranger Things (2016-)', 'Stranger Things', 2016],
  ] as const)('%s', (raw, title, year) => {
    expect(splitMovieLensTitle(raw)).toEqual({ title, year });
  });

  it('turns them into the course ids', () => {
    const { title, year } = splitMovieLensTitle('Shawshank Redemption, The (1994)');
    expect(movieSlug(title, year!)).toBe('the+shawshank+redemption+1994');
  });
});
