export { scenarioStepSchema, CORE_SCENARIO_ACTIONS, parseScenario } from './scenario-step.js';
export type { ScenarioStep, ScenarioStepInput } from './scenario-step.js';
export { apiFaultsAt, scheduleScenario } from './schedule-scenario.js';
