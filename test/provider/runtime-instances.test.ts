// ProviderRuntime: each configured provider has its own settings, context and token cache (the plugin makes
// one per provider instance), and none of them touches the dynamic front end's shared one.
import { describe, expect, it } from "vitest";
import * as runtime from "../../provider/runtime";
import { useEmulatorFor } from "../support/emulator";
import { APP, HOME_TENANT, LIMITED_APP, USERS } from "../support/tenant";

const emulator = useEmulatorFor();

const configOf = (app: { clientId: string; secret: string }): Record<string, string> => ({
  "msteams:graphUrl": emulator().url,
  "msteams:graphAudience": "https://graph.microsoft.com",
  "msteams:authorityHost": emulator().url,
  "msteams:tenantId": HOME_TENANT,
  "msteams:clientId": app.clientId,
  "msteams:clientSecret": app.secret,
});

function instance(
  app: { clientId: string; secret: string },
  warnings: string[] = [],
): runtime.ProviderRuntime {
  const r = new runtime.ProviderRuntime((m) => warnings.push(m));
  const c = configOf(app);
  r.configure({ get: (k) => c[k] });
  return r;
}

describe("ProviderRuntime instances", () => {
  it("two instances sign in as their own apps, each caching its own token", async () => {
    const a = instance(APP);
    const b = instance(LIMITED_APP);
    expect(a.context()).not.toBe(b.context());
    expect(a.context()).toBe(a.context()); // rebuilt only when the settings change
    for (let i = 0; i < 3; i++) {
      await a.context().client.token();
      await b.context().client.token();
    }
    const tokens = emulator()
      .requests()
      .filter((r) => r.kind === "token")
      .map((r) => r.appId);
    expect(tokens.sort()).toEqual([APP.clientId, LIMITED_APP.clientId].sort());
  });

  it("each instance's operations use its own identity: the limited app is refused what the full app may do", async () => {
    const chat = {
      chatType: "group",
      topic: "Per instance",
      members: [{ user: USERS.u82af }, { user: USERS.u8c0a }, { user: USERS.u82fe }],
    };
    const made = (await instance(APP).dispatch("Chat", "create", [chat])) as { id: string };
    expect(made.id).toMatch(/^19:/);
    const refused = await instance(LIMITED_APP)
      .dispatch("Chat", "update", [made.id, { ...chat, chatType: "group" }, { ...chat, topic: "Renamed" }])
      .catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(emulator().store.state.chats.find((c) => c.id === made.id)!.topic).toBe("Per instance");
  });

  it("an instance leaves the dynamic front end's shared configuration alone", () => {
    runtime.configure({ get: (k) => configOf(APP)[k] });
    instance(LIMITED_APP).settings();
    expect(runtime.settings().clientId).toBe(APP.clientId);
    expect(instance(LIMITED_APP).settings().clientId).toBe(LIMITED_APP.clientId);
  });

  it("cancel stops an instance's Graph traffic, not another's", async () => {
    const a = instance(APP);
    const b = instance(APP);
    a.context();
    a.cancel();
    const err = (await a
      .context()
      .client.send({ method: "GET", path: `/users/${USERS.adele}/chats` })
      .catch((e: Error) => e)) as Error;
    expect(err.name).toBe("CancelledError");
    expect(
      (await b.context().client.send({ method: "GET", path: `/users/${USERS.adele}/chats` })).status,
    ).toBe(200);
  });
});
