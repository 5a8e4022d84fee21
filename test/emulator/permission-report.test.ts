// GET /_emulator/permissions: the least privileged Graph permissions that cover the requests served, and
// the request log's reasons (who called, which permission allowed it, which rule refused it).
import { describe, expect, it } from "vitest";
import { cover, privilege } from "../../emulator/report";
import {
  APP,
  APPS,
  adele,
  appBind,
  chatPath,
  groupBody,
  LIMITED_APP,
  newGroupChat,
  USERS,
  useEmulator,
} from "./helpers";

const { emu, raw } = useEmulator();
const report = async () =>
  (await (await fetch(`${emu().url}/_emulator/permissions`)).json()) as Record<string, any>;

describe("least-privilege report", () => {
  it("before any request it is empty", async () => {
    expect(await report()).toMatchObject({ application: [], delegated: [], requests: 0 });
  });

  it("a broader permission needed later replaces a narrower one; delegated and application are apart", async () => {
    const id = await newGroupChat(raw()); // createChat: Chat.Create
    await raw().call("GET", chatPath(id)); // readChat: Chat.ReadBasic.All would do…
    expect((await report())["application"]).toEqual(["Chat.Create", "Chat.ReadBasic.All"]);
    await raw().call("GET", `${chatPath(id)}/messages`); // …but readMessages needs Chat.Read.All, which covers it
    await raw().call("POST", `${chatPath(id)}/messages`, { body: { content: "hi" } }, adele);
    const r = await report();
    expect(r["application"]).toEqual(["Chat.Create", "Chat.Read.All"]);
    expect(r["delegated"]).toEqual(["ChatMessage.Send"]);
    expect(r["needs"]["application"]).toEqual([
      { operation: "createChat", requests: 1, coveredBy: "Chat.Create" },
      { operation: "readChat", requests: 1, coveredBy: "Chat.Read.All" },
      { operation: "readMessages", requests: 1, coveredBy: "Chat.Read.All" },
    ]);
    expect(emu().permissions()).toEqual(r);
  });

  it("refused requests count too: the report says what the program would have needed", async () => {
    const id = await newGroupChat(raw());
    expect((await raw().call("GET", `${chatPath(id)}/members`, undefined, "limited")).status).toBe(403);
    expect((await report())["application"]).toEqual(["Chat.Create", "ChatMember.Read.All"]);
  });

  it("an app installed at chat creation needs only Chat.Create (plus reading the operation)", async () => {
    const created = await raw().call("POST", "/chats", {
      ...groupBody(),
      installedApps: [{ "teamsApp@odata.bind": appBind(APPS.plain) }],
    });
    expect(created.status).toBe(202);
    const [, chatId, opId] = /^\/chats\('(.+)'\)\/operations\('(.+)'\)$/.exec(
      created.headers.get("location")!,
    )!;
    expect((await raw().call("GET", `/beta${chatPath(chatId!)}/operations/${opId}`)).status).toBe(200);
    expect((await report())["application"]).toEqual(["Chat.Create", "Chat.ReadBasic.All"]);
  });

  it("installing another app with consent needs an …AndConsent… permission that reaches other apps", () => {
    const { chosen } = cover([
      {
        operation: "writeApps",
        kind: "application",
        accepted: [
          "TeamsAppInstallation.ReadWriteSelfForChat.All",
          "TeamsAppInstallation.ReadWriteForChat.All",
          "TeamsAppInstallation.ReadWriteAndConsentForChat.All",
        ],
        grantedBy: [],
      },
      {
        operation: "writeApps: grant consent",
        kind: "application",
        accepted: ["TeamsAppInstallation.ReadWriteAndConsentForChat.All"],
        grantedBy: [],
      },
      {
        operation: "readChat",
        kind: "application",
        accepted: ["Chat.Manage.Chat", "Chat.ReadBasic.WhereInstalled", "Chat.Read.All"],
        grantedBy: [],
      },
    ]);
    expect(chosen).toEqual(["Chat.Read.All", "TeamsAppInstallation.ReadWriteAndConsentForChat.All"]);
    expect(privilege("User.ReadBasic.All")).toBeLessThan(privilege("User.Read.All"));
    expect(privilege("Chat.Read.All")).toBeLessThan(privilege("Directory.Read.All"));
  });
});

describe("the request log says who called and why it was allowed or refused", () => {
  it("identity, the permission checks and the refusal", async () => {
    const id = await newGroupChat(raw());
    await raw().call("GET", `${chatPath(id)}/members`, undefined, "limited");
    const [create, refused] = emu()
      .requests()
      .filter((e) => e.kind === "graph");
    expect(create).toMatchObject({
      identity: { kind: "application", appId: APP.clientId },
      checks: [{ operation: "createChat", grantedBy: ["Chat.Create"] }],
    });
    expect(create!.refusal).toBeUndefined();
    expect(refused).toMatchObject({
      status: 403,
      identity: { kind: "application", appId: LIMITED_APP.clientId },
      checks: [{ operation: "readMembers", grantedBy: [] }],
      refusal: { code: "Forbidden", message: expect.stringMatching(/ChatMember\.Read\.All/) },
    });
    await raw().call("GET", `/users/${USERS.adele}`, undefined, adele);
    expect(emu().requests().at(-1)!.identity).toMatchObject({ kind: "delegated", userId: USERS.adele });
  });
});
