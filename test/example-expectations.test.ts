import { everyExampleHolds } from './support/example-expectations.js';

// Every example's expectations, on its own seed (see support/example-expectations.ts).
everyExampleHolds(undefined);
