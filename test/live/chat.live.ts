// The provider-level chat lifecycle against a real tenant, through the same @azure/identity credential and
// Graph client the provider uses everywhere (client secret, application token).
import { describe, expect, it } from "vitest";
import * as runtime from "../../provider/runtime";

const env = (k: string) => process.env[k]!;
const users = env("MSTEAMS_LIVE_USERS")
  .split(",")
  .map((u) => u.trim())
  .filter(Boolean);
const config: Record<string, string> = {
  "msteams:tenantId": env("MSTEAMS_LIVE_TENANT_ID"),
  "msteams:clientId": env("MSTEAMS_LIVE_CLIENT_ID"),
  "msteams:clientSecret": env("MSTEAMS_LIVE_CLIENT_SECRET"),
  ...(process.env["MSTEAMS_LIVE_GRAPH_URL"] ? { "msteams:graphUrl": env("MSTEAMS_LIVE_GRAPH_URL") } : {}),
};
runtime.configure({ get: (k) => config[k] });
const call = <T = Record<string, unknown>>(op: string, ...args: unknown[]) =>
  runtime.dispatch("Chat", op, args) as Promise<T>;
const PROVIDER = { __provider: "live" };

describe("a group chat in a real tenant", () => {
  it("token, create, read, topic update, delete", async () => {
    const started = Date.now();
    const token = await runtime.context().client.token();
    console.log(`token flow clientSecret (live): ${Date.now() - started} ms, ${token.kind} token`);
    const inputs = {
      chatType: "group",
      topic: `pulumi-msteams live ${new Date().toISOString()}`,
      members: users.map((user) => ({ user, roles: ["owner"] })),
      deletionPolicy: "delete",
      ...PROVIDER,
    };
    const { id, outs } = await call<{ id: string; outs: Record<string, unknown> }>("create", inputs);
    try {
      expect(id).toMatch(/^19:/);
      const read = await call<{ id: string; props: Record<string, unknown> }>("read", id, {
        ...outs,
        ...PROVIDER,
      });
      expect(read.props["topic"]).toBe(inputs.topic);
      const updated = await call<{ outs: Record<string, unknown> }>(
        "update",
        id,
        { ...outs, ...PROVIDER },
        { ...inputs, topic: `${inputs.topic} (renamed)` },
      );
      expect(updated.outs["topic"]).toBe(`${inputs.topic} (renamed)`);
    } finally {
      await call("delete", id, { ...outs, ...PROVIDER });
    }
  });
});
