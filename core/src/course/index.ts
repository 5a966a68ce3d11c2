export { Course, teamFile } from './course-runner.js';
export type { CourseOptions } from './course-runner.js';
export { teamSchema, teamsSchema } from './course-config.js';
export type { TeamConfig } from './course-config.js';
