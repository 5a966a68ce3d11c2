import { ConfigError, s, type Schema } from '@prodsim/core';

export interface ScheduledStep<A extends string = string> {
  day: number;
  action: A;
  params: Record<string, unknown>;
}

/**
 * A domain config's `schedule`: drift steps at simulated days, each validated by the schema of
 * its action, for runs that need no experiment spec. Errors name the step and field.
 */
export function scheduleSchema<A extends string>(
  actions: Readonly<Record<A, { params: Schema<unknown> }>>,
  example: string,
): Schema<ScheduledStep<A>[]> {
  const names = Object.keys(actions) as A[];
  const allowed = `a list of { day, action (${names.join(', ')}), params }`;
  return {
    allowed,
    description: `scheduled drift: e.g. ${example}`,
    optional: true,
    defaultValue: [],
    parse(value: unknown, path: string): ScheduledStep<A>[] {
      if (value === undefined) return [];
      if (!Array.isArray(value)) throw new ConfigError(path, value, allowed);
      return value.map((step, i) => {
        const at = `${path}[${i}]`;
        if (typeof step !== 'object' || step === null || Array.isArray(step)) throw new ConfigError(at, step, 'an object { day, action, params }');
        const { day, action, params, ...rest } = step as Record<string, unknown>;
        const extra = Object.keys(rest)[0];
        if (extra !== undefined) throw new ConfigError(`${at}.${extra}`, rest[extra], 'no such field; known fields: day, action, params');
        const parsedDay = s.number({ min: 0 }).parse(day, `${at}.day`);
        const name = s.enum(names as [A, ...A[]]).parse(action, `${at}.action`);
        const parsedParams = actions[name].params.parse(params ?? {}, `${at}.params`) as Record<string, unknown>;
        return { day: parsedDay, action: name, params: parsedParams };
      });
    },
  };
}
