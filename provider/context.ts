import type { ProviderSettings } from "./config";
import type { GraphClient } from "./graph/client";

/** What every resource operation gets: settings, the shared Graph client and a warning sink. */
export interface Ctx {
  readonly settings: ProviderSettings;
  readonly client: GraphClient;
  warn(message: string): void;
}

/**
 * A create that succeeded in Graph but failed afterwards. Carries the new id and the outputs known so far,
 * so the engine records the object (partial failure) instead of orphaning it.
 */
export class PartialCreateError extends Error {
  override readonly name = "PartialCreateError";
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: Record<string, unknown>,
  ) {
    super(message);
  }
}
