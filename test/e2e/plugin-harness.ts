// The plugin's end-to-end tests: the shared Pulumi YAML and plugin tooling lives in scripts/plugin-stack.ts
// (the bench uses it too); here, what only the tests need.
import type { RunningEmulator } from "../../emulator";
import { type Preview, pluginConfig } from "../../scripts/plugin-stack";
import { APP, HOME_TENANT } from "../support/tenant";

export * from "../../scripts/plugin-stack";

/** The default provider's configuration for the emulator: Adele signs in (a delegated token sends messages). */
export const emulatorConfig = (emu: RunningEmulator) => pluginConfig(emu.url, HOME_TENANT, APP.clientId);

/** Steps other than "same", by resource name. */
export const changed = (p: Preview) =>
  Object.fromEntries(p.steps.filter((s) => s.op !== "same").map((s) => [s.urn.split("::").pop()!, s]));
