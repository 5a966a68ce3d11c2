export { popcount } from './popcount.js';
