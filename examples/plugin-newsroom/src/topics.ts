/** What the newsroom writes about. Readers' hidden interests are a share of attention per topic. */
export const TOPICS = ['politics', 'business', 'tech', 'science', 'sports', 'culture', 'health', 'world'] as const;
export type Topic = (typeof TOPICS)[number];

const SUBJECTS: Record<Topic, readonly string[]> = {
  politics: ['the council', 'the minister', 'parliament', 'the opposition', 'voters', 'the mayor'],
  business: ['the market', 'a retailer', 'the central bank', 'a start-up', 'shareholders', 'the port'],
  tech: ['a chip maker', 'the app store', 'a new phone', 'open-source developers', 'an AI lab', 'the network'],
  science: ['astronomers', 'a lab team', 'the telescope', 'biologists', 'a field study', 'physicists'],
  sports: ['the home side', 'the coach', 'a sprinter', 'the league', 'the captain', 'fans'],
  culture: ['the festival', 'a novelist', 'the museum', 'a film', 'the orchestra', 'critics'],
  health: ['doctors', 'the clinic', 'a new trial', 'nurses', 'the health service', 'researchers'],
  world: ['the summit', 'aid workers', 'the border town', 'envoys', 'the region', 'exporters'],
};
const PLAIN = ['reports', 'plans', 'reviews', 'expects', 'confirms', 'weighs', 'delays', 'announces'];
const OBJECTS = ['a change', 'new figures', 'the budget', 'a decision', 'the results', 'next steps', 'a deal', 'the season'];
const BAIT = ["You won't believe what", 'This is why', 'Nobody expected', 'The shocking truth about', 'What happened next:'];

/** A headline for an article: plain, or in clickbait style (the hidden clickbait of its publisher shows in the wording). */
export function headline(topic: Topic, draw: (n: number) => number, bait: boolean): string {
  const subjects = SUBJECTS[topic];
  const subject = subjects[draw(subjects.length)];
  const rest = `${PLAIN[draw(PLAIN.length)]} ${OBJECTS[draw(OBJECTS.length)]}`;
  return bait ? `${BAIT[draw(BAIT.length)]} ${subject} ${rest}` : `${subject[0].toUpperCase()}${subject.slice(1)} ${rest}`;
}
