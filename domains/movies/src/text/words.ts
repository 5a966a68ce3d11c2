/** Word lists for synthetic titles and descriptions (invented; no real film data). */
export const ADJECTIVES = [
  'Silent', 'Last', 'Broken', 'Hidden', 'Golden', 'Dark', 'Lost', 'Crimson', 'Frozen', 'Wild', 'Secret', 'Electric', 'Midnight',
  'Forgotten', 'Burning', 'Hollow', 'Little', 'Great', 'Final', 'Endless', 'Savage', 'Quiet', 'Restless', 'Distant', 'Bitter',
  'Blue', 'Iron', 'Velvet', 'Crooked', 'Empty', 'Shining', 'Brave', 'Perfect', 'Strange', 'Invisible', 'Sweet', 'Deadly',
  'Northern', 'Eternal', 'Sleeping', 'Glass', 'Paper', 'Scarlet', 'Wicked', 'Lonely', 'Runaway', 'American', 'Red', 'White', 'Black',
];
export const NOUNS = [
  'River', 'City', 'Night', 'Heart', 'Garden', 'Road', 'Storm', 'Summer', 'Winter', 'House', 'Island', 'Kingdom', 'Shadow',
  'Mirror', 'Witness', 'Empire', 'Stranger', 'Promise', 'Harbor', 'Season', 'Machine', 'Dream', 'Hunter', 'Game', 'Ghost',
  'Letter', 'Station', 'Mountain', 'Horizon', 'Fire', 'Ocean', 'Secret', 'Forest', 'Sky', 'Voyage', 'Crown', 'Signal', 'Bridge',
  'Circus', 'Planet', 'Child', 'Wolf', 'Angel', 'Desert', 'Affair', 'Letter', 'Diary', 'Escape', 'Heist', 'Frontier', 'Country',
  'Detective', 'Doctor', 'Family', 'Legend', 'Outlaw', 'Soldier', 'Dancer', 'Island', 'Whisper', 'Memory', 'Revenge', 'Journey',
];
export const NAMES = [
  'Anna', 'Max', 'Johnny', 'Grace', 'Leo', 'Maria', 'Oscar', 'Lucy', 'Henry', 'Rosa', 'Jack', 'Nina', 'Sam', 'Elena', 'Frank',
  'Amélie', 'José', 'Zoë', 'Björn', 'François', 'Chloé', 'Renée', 'Inés', 'Mikkel', 'Goya', 'Noël', 'Søren', 'Łukasz',
];
export const PLACES = [
  'Paris', 'Tokyo', 'Brooklyn', 'Texas', 'Berlin', 'Rio', 'Vegas', 'Alaska', 'Harlem', 'Naples', 'Bombay', 'Montréal', 'São Paulo',
  'Kyoto', 'Havana', 'Memphis', 'Chinatown', 'Manhattan', 'Sicily', 'Málaga', 'Zürich', 'Kraków', 'Reykjavík',
];
export const ROLES = [
  'detective', 'young widow', 'retired boxer', 'small-town teacher', 'con artist', 'rookie cop', 'grieving father', 'runaway teen',
  'struggling musician', 'brilliant scientist', 'former soldier', 'ambitious journalist', 'lonely robot', 'family of farmers',
  'group of friends', 'ageing actress', 'hacker', 'reluctant hero', 'mob accountant', 'marine biologist',
];
export const ACTIONS = [
  'must confront a past they tried to bury', 'uncovers a conspiracy that reaches the top', 'falls for the wrong person',
  'races against time to save a stranger', 'fights to keep the family together', 'plans one last job', 'goes looking for a missing sister',
  'discovers a door to another world', 'becomes the target of a ruthless killer', 'tries to win back an old love',
  'leads a mutiny against an impossible enemy', 'learns that nothing is as it seems', 'sets out to win the championship',
];
export const TAGLINES = [
  'Some secrets never sleep.', 'Everyone has a breaking point.', 'The journey begins.', 'Nothing will ever be the same.', 'Trust no one.',
  'Love finds a way.', 'One night. One chance.', 'The truth is out there.', 'Be careful what you wish for.', 'Run.', '',
  'Based on a true story.', 'Revenge has a price.', 'The legend lives on.', 'Hold on to your heart.', '',
];
export const COMPANY_WORDS = [
  'Silver', 'Lantern', 'Northstar', 'Bluebird', 'Harbor', 'Paragon', 'Red Oak', 'Meridian', 'Atlas', 'Crescent', 'Orchid', 'Summit',
  'Lighthouse', 'Kestrel', 'Pinewood', 'Granite', 'Aurora', 'Falcon', 'Monarch', 'Riverside',
];
export const COMPANY_SUFFIXES = ['Pictures', 'Films', 'Studios', 'Entertainment', 'Productions', 'Media', 'Filmworks'];
export const SEQUEL_MARKS = [' 2', ' II', ' III', ': Part II', ' Returns', ': The Return', ' 3'];
