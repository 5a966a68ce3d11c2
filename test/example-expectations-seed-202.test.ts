import { everyExampleHolds } from './support/example-expectations.js';

// Every example's expectations, on seed 202 (see support/example-expectations.ts).
everyExampleHolds('202');
