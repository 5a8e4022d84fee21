import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";

// The compiled shim, exactly what a user's program serializes (npm test builds first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { providerShim } = require("../../dist/provider/shim.js") as typeof import("../../provider/shim");
const runtime = require("../../dist/provider/runtime.js") as typeof import("../../provider/runtime");

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
    expect(text.length).toBeLessThan(3000);
  });

  it("round-trips through require-from-string and reaches the runtime by package name", async () => {
    const provider = providerShim("Chat");
    const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    const requireFromString = require("require-from-string") as (code: string) => {
      handler: () => pulumi.dynamic.ResourceProvider;
    };
    const loaded = requireFromString(text).handler();
    const checked = await loaded.check!({}, { chatType: "group", topic: "a:b", members: [] });
    expect(checked.failures?.map((f) => f.property)).toEqual(expect.arrayContaining(["topic", "members"]));
  });
});

describe("secrets stay out of errors", () => {
  it("an unreachable token endpoint fails with the reason only, not the request carrying the secret", async () => {
    runtime.configure({
      get: (k: string) =>
        ({
          "msteams:graphUrl": "http://127.0.0.1:9",
          "msteams:authorityHost": "http://127.0.0.1:9",
          "msteams:tenantId": "t",
          "msteams:clientId": "c",
          "msteams:clientSecret": SECRET,
        })[k],
    });
    const err = (await runtime
      .context()
      .client.token()
      .catch((e: unknown) => e)) as Error;
    expect(err.name).toBe("ConfigError");
    expect(err.message).toMatch(/cannot reach the emulator's token endpoint/);
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain(SECRET);
  });
});
