/**
 * Where simulated users live. Offsets are standard time in minutes east of UTC; daylight saving
 * is ignored (it shifts evening peaks by an hour for part of the year, which no course consumer
 * could tell from the stream). Weights are rough shares of a US-centred streaming audience.
 */
export interface City {
  readonly name: string;
  readonly country: string;
  readonly countryCode: string;
  readonly timeZone: string;
  readonly offsetMinutes: number;
  readonly weight: number;
}

export const CITIES: readonly City[] = [
  { name: 'New York', country: 'United States of America', countryCode: 'US', timeZone: 'America/New_York', offsetMinutes: -300, weight: 9 },
  { name: 'Pittsburgh', country: 'United States of America', countryCode: 'US', timeZone: 'America/New_York', offsetMinutes: -300, weight: 3 },
  { name: 'Boston', country: 'United States of America', countryCode: 'US', timeZone: 'America/New_York', offsetMinutes: -300, weight: 3 },
  { name: 'Atlanta', country: 'United States of America', countryCode: 'US', timeZone: 'America/New_York', offsetMinutes: -300, weight: 3 },
  { name: 'Miami', country: 'United States of America', countryCode: 'US', timeZone: 'America/New_York', offsetMinutes: -300, weight: 2 },
  { name: 'Chicago', country: 'United States of America', countryCode: 'US', timeZone: 'America/Chicago', offsetMinutes: -360, weight: 5 },
  { name: 'Houston', country: 'United States of America', countryCode: 'US', timeZone: 'America/Chicago', offsetMinutes: -360, weight: 4 },
  { name: 'Dallas', country: 'United States of America', countryCode: 'US', timeZone: 'America/Chicago', offsetMinutes: -360, weight: 3 },
  { name: 'Denver', country: 'United States of America', countryCode: 'US', timeZone: 'America/Denver', offsetMinutes: -420, weight: 2 },
  { name: 'Phoenix', country: 'United States of America', countryCode: 'US', timeZone: 'America/Phoenix', offsetMinutes: -420, weight: 2 },
  { name: 'Los Angeles', country: 'United States of America', countryCode: 'US', timeZone: 'America/Los_Angeles', offsetMinutes: -480, weight: 7 },
  { name: 'San Francisco', country: 'United States of America', countryCode: 'US', timeZone: 'America/Los_Angeles', offsetMinutes: -480, weight: 3 },
  { name: 'Seattle', country: 'United States of America', countryCode: 'US', timeZone: 'America/Los_Angeles', offsetMinutes: -480, weight: 2 },
  { name: 'Honolulu', country: 'United States of America', countryCode: 'US', timeZone: 'Pacific/Honolulu', offsetMinutes: -600, weight: 0.5 },
  { name: 'Toronto', country: 'Canada', countryCode: 'CA', timeZone: 'America/Toronto', offsetMinutes: -300, weight: 3 },
  { name: 'Montreal', country: 'Canada', countryCode: 'CA', timeZone: 'America/Toronto', offsetMinutes: -300, weight: 2 },
  { name: 'Vancouver', country: 'Canada', countryCode: 'CA', timeZone: 'America/Vancouver', offsetMinutes: -480, weight: 1.5 },
  { name: 'Mexico City', country: 'Mexico', countryCode: 'MX', timeZone: 'America/Mexico_City', offsetMinutes: -360, weight: 3 },
  { name: 'São Paulo', country: 'Brazil', countryCode: 'BR', timeZone: 'America/Sao_Paulo', offsetMinutes: -180, weight: 4 },
  { name: 'Buenos Aires', country: 'Argentina', countryCode: 'AR', timeZone: 'America/Argentina/Buenos_Aires', offsetMinutes: -180, weight: 2 },
  { name: 'London', country: 'United Kingdom', countryCode: 'GB', timeZone: 'Europe/London', offsetMinutes: 0, weight: 5 },
  { name: 'Dublin', country: 'Ireland', countryCode: 'IE', timeZone: 'Europe/Dublin', offsetMinutes: 0, weight: 1 },
  { name: 'Lisbon', country: 'Portugal', countryCode: 'PT', timeZone: 'Europe/Lisbon', offsetMinutes: 0, weight: 1 },
  { name: 'Paris', country: 'France', countryCode: 'FR', timeZone: 'Europe/Paris', offsetMinutes: 60, weight: 3 },
  { name: 'Berlin', country: 'Germany', countryCode: 'DE', timeZone: 'Europe/Berlin', offsetMinutes: 60, weight: 3 },
  { name: 'Madrid', country: 'Spain', countryCode: 'ES', timeZone: 'Europe/Madrid', offsetMinutes: 60, weight: 2 },
  { name: 'Rome', country: 'Italy', countryCode: 'IT', timeZone: 'Europe/Rome', offsetMinutes: 60, weight: 2 },
  { name: 'Stockholm', country: 'Sweden', countryCode: 'SE', timeZone: 'Europe/Stockholm', offsetMinutes: 60, weight: 1 },
  { name: 'Warsaw', country: 'Poland', countryCode: 'PL', timeZone: 'Europe/Warsaw', offsetMinutes: 60, weight: 1 },
  { name: 'Athens', country: 'Greece', countryCode: 'GR', timeZone: 'Europe/Athens', offsetMinutes: 120, weight: 0.5 },
  { name: 'Cairo', country: 'Egypt', countryCode: 'EG', timeZone: 'Africa/Cairo', offsetMinutes: 120, weight: 1 },
  { name: 'Lagos', country: 'Nigeria', countryCode: 'NG', timeZone: 'Africa/Lagos', offsetMinutes: 60, weight: 1 },
  { name: 'Nairobi', country: 'Kenya', countryCode: 'KE', timeZone: 'Africa/Nairobi', offsetMinutes: 180, weight: 0.5 },
  { name: 'Istanbul', country: 'Turkey', countryCode: 'TR', timeZone: 'Europe/Istanbul', offsetMinutes: 180, weight: 1 },
  { name: 'Moscow', country: 'Russia', countryCode: 'RU', timeZone: 'Europe/Moscow', offsetMinutes: 180, weight: 1 },
  { name: 'Dubai', country: 'United Arab Emirates', countryCode: 'AE', timeZone: 'Asia/Dubai', offsetMinutes: 240, weight: 0.5 },
  { name: 'Mumbai', country: 'India', countryCode: 'IN', timeZone: 'Asia/Kolkata', offsetMinutes: 330, weight: 3 },
  { name: 'Bengaluru', country: 'India', countryCode: 'IN', timeZone: 'Asia/Kolkata', offsetMinutes: 330, weight: 2 },
  { name: 'Singapore', country: 'Singapore', countryCode: 'SG', timeZone: 'Asia/Singapore', offsetMinutes: 480, weight: 1 },
  { name: 'Shanghai', country: 'China', countryCode: 'CN', timeZone: 'Asia/Shanghai', offsetMinutes: 480, weight: 2 },
  { name: 'Taipei', country: 'Taiwan', countryCode: 'TW', timeZone: 'Asia/Taipei', offsetMinutes: 480, weight: 0.5 },
  { name: 'Seoul', country: 'South Korea', countryCode: 'KR', timeZone: 'Asia/Seoul', offsetMinutes: 540, weight: 1.5 },
  { name: 'Tokyo', country: 'Japan', countryCode: 'JP', timeZone: 'Asia/Tokyo', offsetMinutes: 540, weight: 2 },
  { name: 'Sydney', country: 'Australia', countryCode: 'AU', timeZone: 'Australia/Sydney', offsetMinutes: 600, weight: 1.5 },
  { name: 'Auckland', country: 'New Zealand', countryCode: 'NZ', timeZone: 'Pacific/Auckland', offsetMinutes: 720, weight: 0.5 },
];

/** The distinct offsets, so that activity profiles are computed once per zone, not per city. */
export const ZONE_OFFSETS: readonly number[] = [...new Set(CITIES.map((c) => c.offsetMinutes))].sort((a, b) => a - b);
export const CITY_ZONE: Uint8Array = Uint8Array.from(CITIES.map((c) => ZONE_OFFSETS.indexOf(c.offsetMinutes)));
