import { ProdsimError, type ErrorCode } from '../errors.js';
import { isValidRange, satisfies } from './semver.js';

/**
 * The check every registry makes of what it registers: a valid `coreVersion` range that this
 * core satisfies. `what` names the thing (`domain plugin movies/v1`, `transport kafka`).
 */
export function checkCoreRange(what: string, range: unknown, coreVersion: string, codes: { invalid: ErrorCode; incompatible: ErrorCode }): void {
  if (typeof range !== 'string' || !isValidRange(range)) {
    throw new ProdsimError(
      codes.invalid,
      `${what} declares no valid coreVersion range (got ${JSON.stringify(range)}); declare the @prodsim/core versions it works with, e.g. "^${coreVersion}"`,
    );
  }
  if (!satisfies(coreVersion, range)) throw new ProdsimError(codes.incompatible, `${what} needs @prodsim/core ${range}, but this is ${coreVersion}`);
}
