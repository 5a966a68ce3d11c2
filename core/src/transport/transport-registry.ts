import { ErrorCodes, ProdsimError } from '../errors.js';
import type { TransportFactory } from './transport.js';

/** Transports available to a run, registered explicitly by the composition root. */
export class TransportRegistry {
  private readonly factories = new Map<string, TransportFactory<any>>();

  register(factory: TransportFactory<any>): this {
    if (this.factories.has(factory.name)) {
      throw new ProdsimError(ErrorCodes.TRANSPORT_DUPLICATE, `transport "${factory.name}" is already registered`);
    }
    this.factories.set(factory.name, factory);
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
