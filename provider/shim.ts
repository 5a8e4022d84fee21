import * as pulumi from "@pulumi/pulumi";
import { outputNames } from "./generated/types";
import { JOURNAL_INPUT } from "./journal";

/** The type token of a resource of the dynamic front end (the engine runs it with the nodejs dynamic provider). */
export const dynamicType = (kind: string): string => `pulumi-nodejs:dynamic/msteams:${kind}`;

/**
 * The `__provider` every resource of the dynamic front end stores (twice: in inputs and outputs): the
 * source of a CommonJS module whose `handler` returns the provider object. Pulumi's dynamic-provider host
 * (`getProvider` in @pulumi/pulumi's cmd/dynamic-provider) loads it with require-from-string, so its
 * `require` resolves from the program's folder in the provider process: the installed package is what
 * runs, upgrades apply to existing resources, and state holds no implementation code, no secret and no
 * client (pulumi/pulumi#8265, #6490). The host then awaits `configure({ config })` before any other method
 * (runtime.ts `shim`).
 *
 * Written here rather than made by `pulumi.runtime.serializeFunction` (what `pulumi.dynamic.Resource`
 * does): serializing even a one-function object costs about 680 bytes of closure scaffolding, this is
 * 66-81 bytes, and it is the same text whether the package is installed or linked. See docs/scale.md.
 */
export const providerText = (kind: string): string =>
  `exports.handler=()=>require("pulumi-msteams/runtime").shim(${JSON.stringify(kind)})`;

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

/**
 * What a resource class registers: its arguments, its output-only keys present as undefined (for the SDK
 * to expose them on the object), the journal key and the provider text.
 */
export function dynamicInputs(
  kind: keyof typeof outputNames,
  name: string,
  args: object,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.Inputs {
  const outputs = Object.fromEntries(outputNames[kind].map((k) => [k, undefined]));
  return { ...outputs, ...args, ...journalInput(name, opts), __provider: providerText(kind) };
}
