import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object Pulumi serializes into every resource's state. It must stay tiny and stable: each
 * method requires the installed package at call time and delegates, so state holds no implementation
 * code, no secret and no client (pulumi/pulumi#8265, #6490), and upgrades apply to existing resources.
 * The literal require below survives serialization as written; it resolves from the program directory.
 */
export function providerShim(kind: string): pulumi.dynamic.ResourceProvider {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: the engine's config object, forwarded untouched.
    configure: async (req: any) => require("pulumi-msteams/runtime").configure(req.config),
    check: async (olds, news) => require("pulumi-msteams/runtime").dispatch(kind, "check", [olds, news]),
    diff: async (id, olds, news) =>
      require("pulumi-msteams/runtime").dispatch(kind, "diff", [id, olds, news]),
    create: async (inputs) => require("pulumi-msteams/runtime").dispatch(kind, "create", [inputs]),
    read: async (id, props) => require("pulumi-msteams/runtime").dispatch(kind, "read", [id, props]),
    update: async (id, olds, news) =>
      require("pulumi-msteams/runtime").dispatch(kind, "update", [id, olds, news]),
    delete: async (id, props) => require("pulumi-msteams/runtime").dispatch(kind, "delete", [id, props]),
  };
}
