export { renderReport } from './render-report.js';
export type { ReportComparison, ReportInput } from './report-input.js';
export { ReportError, ReportErrorCodes } from './report-errors.js';
export { ARM_COLOURS, armStyles, type ArmStyle } from './palette.js';
export { syntheticReportInput, type SyntheticOptions } from './synthetic-input.js';
export { experimentReport } from './experiment-report.js';
export { renderSweepReport } from './sweep-report.js';
