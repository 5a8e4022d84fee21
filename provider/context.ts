import type { ProviderSettings } from "./config";
import type { GraphClient } from "./graph/client";
import type { CreateIntent } from "./journal";

/** What every resource operation gets: settings, the shared Graph client and a warning sink. */
export interface Ctx {
  readonly settings: ProviderSettings;
  readonly client: GraphClient;
  warn(message: string): void;
  /** During a create: the resource's entry in the create journal (provider/journal.ts). */
  readonly intent?: CreateIntent | undefined;
}
