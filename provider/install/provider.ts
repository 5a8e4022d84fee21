import type { ResourceProvider } from "../contract";
import type { ChatAppInstallationInputs } from "../generated/types";
import { canonicalInputs, validateInputs } from "../validate";
import { diffInstallation } from "./diff";
import { createInstallation, deleteInstallation, readInstallation, updateInstallation } from "./lifecycle";
import type { InstallationState } from "./model";

/** ChatAppInstallation: an app installed in a chat. Its inputs need no rule beyond the schema's. */
export const installationProvider: ResourceProvider<ChatAppInstallationInputs, InstallationState> = {
  check: (_olds, news) => ({
    inputs: canonicalInputs("ChatAppInstallation", news),
    failures: validateInputs("ChatAppInstallation", news),
  }),
  diff: (_id, olds, news) => diffInstallation(olds, news),
  create: createInstallation,
  read: readInstallation,
  update: async (ctx, id, olds, news) => ({ outs: await updateInstallation(ctx, id, olds, news) }),
  delete: deleteInstallation,
};
