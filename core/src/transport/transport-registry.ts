import { checkCoreRange } from '../domain/core-range.js';
import { ErrorCodes, ProdsimError } from '../errors.js';
import { CORE_VERSION } from '../version.js';
import type { TransportFactory } from './transport.js';

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Transports available to a run, registered explicitly by the composition root. Registration
 * checks the factory like the domain registry checks a domain: its name, shape and core-version
 * range, and refuses duplicates, with coded errors.
 */
export class TransportRegistry {
  private readonly factories = new Map<string, TransportFactory<any>>();

  constructor(private readonly coreVersion = CORE_VERSION) {}

  register(factory: TransportFactory<any>): this {
    const name = (factory as { name?: unknown })?.name;
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new ProdsimError(ErrorCodes.TRANSPORT_INVALID, `transport name ${JSON.stringify(name)} is not lowercase letters, digits and dashes (e.g. kafka)`);
    }
    if (typeof factory.create !== 'function') throw new ProdsimError(ErrorCodes.TRANSPORT_INVALID, `transport ${name} has no create() function`);
    if (typeof factory.description !== 'string') throw new ProdsimError(ErrorCodes.TRANSPORT_INVALID, `transport ${name} has no description`);
    checkCoreRange(`transport ${name}`, factory.coreVersion, this.coreVersion, {
      invalid: ErrorCodes.TRANSPORT_INVALID,
      incompatible: ErrorCodes.TRANSPORT_INCOMPATIBLE,
    });
    if (this.factories.has(name)) throw new ProdsimError(ErrorCodes.TRANSPORT_DUPLICATE, `transport "${name}" is already registered`);
    this.factories.set(name, factory);
    return this;
  }

  get(name: string): TransportFactory<any> {
    const factory = this.factories.get(name);
    if (!factory) {
      throw new ProdsimError(ErrorCodes.TRANSPORT_UNKNOWN, `unknown transport "${name}"; registered: ${this.names().join(', ') || '(none)'}`);
    }
    return factory;
  }

  names(): string[] {
    return [...this.factories.keys()];
  }

  list(): TransportFactory<any>[] {
    return [...this.factories.values()];
  }
}
