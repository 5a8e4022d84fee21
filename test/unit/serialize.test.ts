import Module, { createRequire } from "node:module";
import { join } from "node:path";
import { runInThisContext } from "node:vm";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";

// The compiled shim, exactly what a user's program serializes (npm test builds first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { providerShim } = require("../../provider/dist/shim.js") as typeof import("../../provider/shim");
const runtime = require("../../provider/dist/runtime.js") as typeof import("../../provider/runtime");

const SECRET = "s3cr3t-value-that-must-never-land-in-state";

describe("serialized provider (what Pulumi stores as __provider)", () => {
  it("is a thin shim: small, no implementation code, no configured secret", async () => {
    runtime.configure({
      get: (k: string) =>
        ({
          "msteams:clientSecret": SECRET,
          "msteams:clientId": "app",
          "msteams:tenantId": "t",
          "msteams:auth": "clientSecret",
        })[k],
    });
    expect(runtime.settings().clientSecret).toBe(SECRET); // configured at run time...
    const provider = providerShim("Chat");
    const { text, containsSecrets } = await pulumi.runtime.serializeFunction(() => provider, {
      allowSecrets: true,
    });
    console.log(`serialized Chat provider: ${text.length} bytes`);
    expect(text).not.toContain(SECRET); // ...and never captured
    expect(containsSecrets).toBe(false);
    expect(text).toContain('require("pulumi-msteams/runtime")');
    for (const impl of ["axios", "GraphClient", "createChat", "@azure/identity", "TokenProvider"])
      expect(text).not.toContain(impl);
    // Two closures (Pulumi's own `() => provider` and `configure`) are about 450 bytes of the total; the
    // seven-method object this replaced serialized to 2,297 bytes.
    expect(text.length).toBeLessThan(750);
    expect(text.match(/^function __f\d/gm)).toHaveLength(2);
  });

  it("loads as the provider host loads it and reaches the runtime by package name", async () => {
    const provider = providerShim("Chat");
    const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    const loaded = (loadAsHostDoes(text) as { handler: () => pulumi.dynamic.ResourceProvider }).handler();
    // As the host's getProvider does: configure first, which puts the other methods on the object.
    expect(Object.keys(loaded).sort()).toEqual(["configure", "kind"]);
    await loaded.configure!({ config: { get: () => undefined } } as never);
    expect(Object.keys(loaded).sort()).toEqual(
      ["check", "configure", "create", "delete", "diff", "kind", "read", "update"].sort(),
    );
    const checked = await loaded.check!({}, { chatType: "group", topic: "a:b", members: [] });
    expect(checked.failures?.map((f) => f.property)).toEqual(expect.arrayContaining(["topic", "members"]));
  });
});

/**
 * What Pulumi's dynamic-provider host does with `__provider` (require-from-string with no file name): run
 * it as a CommonJS module whose `require` resolves from the working directory (the program's folder).
 */
function loadAsHostDoes(code: string): unknown {
  const filename = join(process.cwd(), "__provider.js");
  const module = { exports: {} as unknown };
  const wrapper = runInThisContext(Module.wrap(code), { filename }) as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(filename), module, filename, process.cwd());
  return module.exports;
}

describe("secrets stay out of errors", () => {
  it("an unreachable token endpoint fails with the reason only, not the request carrying the secret", async () => {
    runtime.configure({
      get: (k: string) =>
        ({
          "msteams:graphUrl": "https://127.0.0.1:9",
          "msteams:graphAudience": "https://graph.microsoft.com",
          "msteams:authorityHost": "https://127.0.0.1:9",
          "msteams:tenantId": "t",
          "msteams:clientId": "c",
          "msteams:clientSecret": SECRET,
        })[k],
    });
    const err = (await runtime
      .context()
      .client.token()
      .catch((e: unknown) => e)) as Error;
    expect(err.name).toBe("CredentialError");
    expect(err.message).toMatch(
      /cannot get a token .*: clientSecret credential at https:\/\/127\.0\.0\.1:9 .*could not be read/,
    );
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain(SECRET);
  });
});
