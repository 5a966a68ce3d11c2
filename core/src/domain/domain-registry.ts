import { ErrorCodes, ProdsimError } from '../errors.js';
import { CORE_VERSION } from '../version.js';
import type { DomainPlugin } from './domain-plugin.js';
import { checkCoreRange } from './core-range.js';

const ID_PATTERN = /^([a-z][a-z0-9-]*)\/v([1-9][0-9]*)$/;

/**
 * The domains a run can use, registered explicitly by the composition root (no discovery).
 * Registration checks the plugin's shape, id and core-version range, and refuses duplicates.
 */
export class DomainRegistry {
  private readonly plugins = new Map<string, DomainPlugin>();

  constructor(private readonly coreVersion = CORE_VERSION) {}

  register(plugin: DomainPlugin): this {
    const id = (plugin as { id?: unknown })?.id;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      throw new ProdsimError(ErrorCodes.DOMAIN_INVALID, `domain plugin id ${JSON.stringify(id)} is not of the form name/vN (e.g. movies/v1)`);
    }
    if (typeof plugin.create !== 'function') throw new ProdsimError(ErrorCodes.DOMAIN_INVALID, `domain plugin ${id} has no create() function`);
    if (typeof plugin.description !== 'string') throw new ProdsimError(ErrorCodes.DOMAIN_INVALID, `domain plugin ${id} has no description`);
    if (!plugin.config || typeof plugin.config.parse !== 'function') {
      throw new ProdsimError(ErrorCodes.DOMAIN_INVALID, `domain plugin ${id} has no config schema`);
    }
    checkCoreRange(`domain plugin ${id}`, plugin.coreVersion, this.coreVersion, {
      invalid: ErrorCodes.DOMAIN_INVALID,
      incompatible: ErrorCodes.DOMAIN_INCOMPATIBLE,
    });
    if (this.plugins.has(id)) throw new ProdsimError(ErrorCodes.DOMAIN_DUPLICATE, `domain plugin ${id} is already registered`);
    this.plugins.set(id, plugin);
    return this;
  }

  /** By exact id (`movies/v1`) or by name (`movies`: the highest registered version). */
  get(idOrName: string): DomainPlugin {
    const exact = this.plugins.get(idOrName);
    if (exact) return exact;
    let best: DomainPlugin | undefined;
    let bestVersion = 0;
    for (const plugin of this.plugins.values()) {
      const m = ID_PATTERN.exec(plugin.id)!;
      if (m[1] === idOrName && Number(m[2]) > bestVersion) {
        best = plugin;
        bestVersion = Number(m[2]);
      }
    }
    if (!best) {
      throw new ProdsimError(
        ErrorCodes.DOMAIN_UNKNOWN,
        `unknown domain "${idOrName}"; registered: ${
          this.list()
            .map((p) => p.id)
            .join(', ') || '(none)'
        }`,
      );
    }
    return best;
  }

  list(): DomainPlugin[] {
    return [...this.plugins.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
