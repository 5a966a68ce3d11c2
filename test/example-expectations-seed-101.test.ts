import { everyExampleHolds } from './support/example-expectations.js';

// Every example's expectations, on seed 101 (see support/example-expectations.ts).
everyExampleHolds('101');
