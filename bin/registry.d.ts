import type { DomainRegistry, TransportRegistry } from '@prodsim/core';
export declare const domains: DomainRegistry;
export declare const transports: TransportRegistry;
