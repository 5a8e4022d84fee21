import type { ProviderSettings } from "./config";
import type { GraphClient } from "./graph/client";

/** What every resource operation gets: settings, the shared Graph client and a warning sink. */
export interface Ctx {
  readonly settings: ProviderSettings;
  readonly client: GraphClient;
  warn(message: string): void;
}
