import * as pulumi from "@pulumi/pulumi";
import { JOURNAL_INPUT } from "./journal";

type Method = "check" | "diff" | "create" | "read" | "update" | "delete";
type Shim = { kind: string } & Record<string, unknown>;

// At module level, as an anonymous function expression, so its serialized text carries no closure
// environment, no self-reference and little indentation; see providerShim.
const configure = async function (this: Shim, req: { config: unknown }): Promise<void> {
  const rt = require("pulumi-msteams/runtime");
  rt.configure(req.config);
  for (const op of ["check", "diff", "create", "read", "update", "delete"])
    this[op] = (...args: unknown[]) => rt.dispatch(this.kind, op, args);
};

/**
 * The provider object Pulumi serializes into every resource's state (twice: in inputs and outputs). It
 * must stay tiny and stable: it requires the installed package at run time and delegates, so state holds
 * no implementation code, no secret and no client (pulumi/pulumi#8265, #6490), and upgrades apply to
 * existing resources. The literal require survives serialization as written; it resolves from the
 * program directory in the provider process.
 *
 * Size: Pulumi serializes each function of the object as a closure of its own (about 200 bytes apiece
 * before its body), so the object holds one function, `configure`, and the kind as data. The
 * dynamic-provider host calls `configure` as soon as it has loaded the provider, before any other method
 * (`getProvider` in @pulumi/pulumi's cmd/dynamic-provider), and `configure` puts the six methods on the
 * object: they are made in the provider process, never serialized. Comments inside `configure` would be
 * serialized too. See docs/scale.md.
 */
export function providerShim(kind: string): pulumi.dynamic.ResourceProvider {
  // The type promises what `configure` adds; the host calls none of it before `configure`.
  return { kind, configure } as unknown as pulumi.dynamic.ResourceProvider &
    Pick<Required<pulumi.dynamic.ResourceProvider>, Method>;
}

/**
 * The hidden input that names the resource in the create journal (journal.ts): project, stack and logical
 * name, the only things the provider's create cannot learn from its inputs. None for a read-only
 * reference (`get`), which creates nothing. Diffs ignore it.
 */
export function journalInput(name: string, opts: pulumi.CustomResourceOptions | undefined) {
  return opts?.id === undefined
    ? { [JOURNAL_INPUT]: `${pulumi.getProject()}/${pulumi.getStack()}/${name}` }
    : {};
}
