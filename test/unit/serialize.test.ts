import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";

// The compiled shim and runtime, exactly what a user's program and its provider process load (npm test
// builds first).
const { providerText } = require("../../provider/dist/shim.js") as typeof import("../../provider/shim");
const runtime = require("../../provider/dist/runtime.js") as typeof import("../../provider/runtime");
// The module Pulumi's dynamic-provider host loads `__provider` with (getProvider in cmd/dynamic-provider).
const requireFromString = createRequire(require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js"))(
  "require-from-string",
) as (code: string) => { handler: () => pulumi.dynamic.ResourceProvider };

const SECRET = "s3cr3t-value-that-must-never-land-in-state";

describe("the provider text (what every resource stores as __provider)", () => {
  it("is a few bytes that require the installed package: no implementation code, no configured secret", () => {
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
    const texts = ["Chat", "ChatMessage", "ChatAppInstallation"].map(providerText);
    for (const text of texts) {
      console.log(`__provider: ${text.length} bytes (${JSON.stringify(text).length} as JSON in state)`);
      expect(text).not.toContain(SECRET); // ...and never captured
      expect(text).toContain('require("pulumi-msteams/runtime")');
      // The serialized one-function closure this replaced was 678-693 bytes (752 as JSON in state).
      expect(JSON.stringify(text).length).toBeLessThan(120);
    }
  });

  it("loads as the provider host loads it, reaches the runtime by package name and configures first", async () => {
    // The host resolves the text's require from its working directory, the program's folder; here the
    // repository root, where pulumi-msteams is linked as a workspace package.
    const loaded = requireFromString(providerText("Chat")).handler();
    expect(Object.keys(loaded).sort()).toEqual(
      ["check", "configure", "create", "delete", "diff", "read", "update"].sort(),
    );
    await loaded.configure!({ config: { get: () => undefined } } as never);
    const checked = await loaded.check!({}, { chatType: "group", topic: "a:b", members: [] });
    expect(checked.failures?.map((f) => f.property)).toEqual(expect.arrayContaining(["topic", "members"]));
    const message = requireFromString(providerText("ChatMessage")).handler();
    const failures = (await message.check!({}, {})).failures?.map((f) => f.property);
    expect(failures).toEqual(expect.arrayContaining(["chatId", "body"]));
  });

  it("the serialized closure earlier builds stored (still in outputs until an update) keeps working", async () => {
    // What earlier builds stored: `configure` requiring the runtime and putting the methods on the object.
    const old = async function (this: Record<string, unknown> & { kind: string }, req: { config: unknown }) {
      const rt = require("pulumi-msteams/runtime");
      rt.configure(req.config);
      for (const op of ["check", "diff", "create", "read", "update", "delete"])
        this[op] = (...args: unknown[]) => rt.dispatch(this.kind, op, args);
    };
    const provider = { kind: "Chat", configure: old };
    const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    const loaded = requireFromString(text).handler();
    await loaded.configure!({ config: { get: () => undefined } } as never);
    const checked = await loaded.check!({}, { chatType: "group", topic: "a:b", members: [] });
    expect(checked.failures?.map((f) => f.property)).toEqual(expect.arrayContaining(["topic", "members"]));
  });
});

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
