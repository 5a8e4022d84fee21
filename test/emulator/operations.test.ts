import { describe, expect, it } from "vitest";
import {
  type Answer,
  APPS,
  adele,
  appBind,
  chatPath,
  expectGraphError,
  HOME_TENANT,
  oneOnOneBody,
  owner,
  sleep,
  USERS,
  useEmulator,
} from "./helpers";

const OP_MS = 300;
const { emu, raw } = useEmulator({ asyncOperationMs: OP_MS });

type Rsc = { permissionValue: string; permissionType: string };
const withApp = (appId: string, consent?: Rsc[], members: readonly string[] = [USERS.u4b82, USERS.u6d1e]) =>
  oneOnOneBody({
    members: members.map(owner),
    installedApps: [
      {
        "teamsApp@odata.bind": appBind(appId),
        ...(consent ? { consentedPermissionSet: { resourceSpecificPermissions: consent } } : {}),
      },
    ],
  });

/** The chat and operation ids of a 202's Location: /chats('{chatId}')/operations('{opId}'). */
function location(r: Answer): { chatId: string; opId: string } {
  expect(r.status).toBe(202);
  expect(r.json).toBeUndefined();
  const m = /^\/chats\('([^']+)'\)\/operations\('([^']+)'\)$/.exec(r.headers.get("location") ?? "");
  expect(m).not.toBeNull();
  return { chatId: m![1]!, opId: m![2]! };
}

const poll = (l: { chatId: string; opId: string }, prefer?: string, version = "/beta") =>
  raw().call(
    "GET",
    `${version}/chats('${l.chatId}')/operations('${l.opId}')`,
    undefined,
    "app",
    prefer ? { prefer } : {},
  );

describe("create chat with installedApps: 202 and a teamsAsyncOperation", () => {
  it("the chat exists at once; the operation goes notStarted → inProgress → succeeded and installs the app", async () => {
    // Longer than the file's default, for this test only (reset() restores it): the first poll comes two
    // round trips after the POST and must still fall in the first 20% (notStarted) on a busy machine.
    const opMs = 2000;
    emu().configure({ asyncOperationMs: opMs });
    const l = location(await raw().call("POST", "/chats", withApp(APPS.plain)));
    expect(l.opId).toMatch(new RegExp(`^${HOME_TENANT}-[0-9a-f-]{36}-[0-9a-f-]{36}$`));
    expect((await raw().call("GET", chatPath(l.chatId))).status).toBe(200);
    const first = await poll(l);
    expect(first.json).toEqual({
      "@odata.context": `https://graph.microsoft.com/beta/$metadata#chats('${l.chatId}')/operations/$entity`,
      id: l.opId,
      operationType: "unknownFutureValue",
      createdDateTime: expect.any(String),
      status: "notStarted",
      lastActionDateTime: expect.any(String),
      attemptsCount: 1,
      targetResourceId: l.chatId,
      targetResourceLocation: `/chats('${l.chatId}')`,
      error: null,
    });
    expect(emu().store.installations(l.chatId)).toEqual([]); // not visible before success
    await sleep(opMs * 0.5);
    expect((await poll(l)).json["status"]).toBe("inProgress");
    await sleep(opMs * 0.6);
    const done = await poll(l, "include-unknown-enum-members");
    expect(done.headers.get("preference-applied")).toBe("include-unknown-enum-members");
    expect(done.json).toMatchObject({ status: "succeeded", operationType: "createChat", error: null });
    const installed = emu().store.installations(l.chatId);
    expect(installed).toHaveLength(1);
    expect(Buffer.from(installed[0]!.id, "base64").toString()).toBe(`${l.chatId}##${APPS.plain}`);
  });

  it("the operation is also served under /v1.0 (a documented choice) and listed", async () => {
    const l = location(await raw().call("POST", "/chats", withApp(APPS.plain)));
    const v1 = await poll(l, undefined, "");
    expect(v1.status).toBe(200);
    expect(v1.json["@odata.context"]).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\//);
    const list = await raw().call("GET", `/beta${chatPath(l.chatId)}/operations`);
    expect(list.json["value"].map((o: { id: string }) => o.id)).toEqual([l.opId]);
    expectGraphError(
      await raw().call("GET", `/beta${chatPath(l.chatId)}/operations/nope`),
      404,
      "NotFound",
      /Operation 'nope' was not found/,
    );
  });

  it("an existing one-on-one pair with an app: 202 for the same chat", async () => {
    const plain = await raw().call(
      "POST",
      "/chats",
      oneOnOneBody({ members: [owner(USERS.u4b82), owner(USERS.u6d1e)] }),
    );
    const l = location(await raw().call("POST", "/chats", withApp(APPS.plain)));
    expect(l.chatId).toBe(plain.json["id"]);
  });

  it.each([
    [
      "an unknown app",
      "00000000-0000-0000-0000-00000000dead",
      undefined,
      "NotFound",
      /not found in the app catalog/,
    ],
    [
      "RSC consent that does not match the definition",
      APPS.rsc,
      [{ permissionValue: "ChatMessage.Read.Chat", permissionType: "Application" }],
      "BadRequest",
      /do not match what its definition requires: chatmessage\.read\.chat\/application, onlinemeeting\.readbasic\.chat\/application; got chatmessage\.read\.chat\/application/,
    ],
    ["an RSC app without consent", APPS.rsc, undefined, "BadRequest", /got none/],
  ])(
    "%s: 202, then the operation fails with error {code, message}; the chat stays",
    async (_n, app, consent, code, message) => {
      const l = location(await raw().call("POST", "/chats", withApp(app, consent)));
      expect((await poll(l)).json["error"]).toBeNull(); // not failed yet
      await sleep(OP_MS + 50);
      const op = await poll(l);
      expect(op.json).toMatchObject({
        status: "failed",
        error: { code, message: expect.stringMatching(message) },
      });
      expect((await raw().call("GET", chatPath(l.chatId))).status).toBe(200);
      expect(emu().store.chat(l.chatId).installedApps).toEqual([]);
    },
  );

  it("RSC consent is compared case-insensitively (permission value and type)", async () => {
    const l = location(
      await raw().call(
        "POST",
        "/chats",
        withApp(APPS.rsc, [
          { permissionValue: "chatmessage.read.chat", permissionType: "Application" },
          { permissionValue: "OnlineMeeting.ReadBasic.Chat", permissionType: "application" },
        ]),
      ),
    );
    await sleep(OP_MS + 50);
    expect((await poll(l)).json["status"]).toBe("succeeded");
  });

  it("a delegated caller without an AndConsent permission cannot grant RSC: the operation fails with 403's code", async () => {
    const consent = [
      { permissionValue: "ChatMessage.Read.Chat", permissionType: "Application" },
      { permissionValue: "OnlineMeeting.ReadBasic.Chat", permissionType: "Application" },
    ];
    const ok = location(
      await raw().call("POST", "/chats", withApp(APPS.rsc, consent, [USERS.adele, USERS.u82af]), adele),
    );
    await sleep(OP_MS + 50);
    expect((await poll(ok)).json["status"]).toBe("succeeded"); // Adele's token has …AndConsentForChat
    const limited = { user: "lee.gu@contoso.com" };
    const r = await fetch(`${emu().url}/${HOME_TENANT}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "password",
        client_id: "0f8e2c4a-6b1d-4c3e-9a7f-2d5b8e1c4a60",
        username: limited.user,
        password: "emulator",
        scope: "https://graph.microsoft.com/.default",
      }),
    });
    const token = ((await r.json()) as { access_token: string }).access_token;
    const res = await fetch(`${emu().url}/v1.0/chats`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(withApp(APPS.rsc, consent, [USERS.u4b82, USERS.u6d1e])),
    });
    expect(res.status).toBe(202);
    const [, chatId, opId] = /chats\('(.+)'\)\/operations\('(.+)'\)/.exec(res.headers.get("location")!)!;
    await sleep(OP_MS + 50);
    expect(emu().store.operation(chatId!, opId!).failure).toEqual({
      code: "Forbidden",
      message: expect.stringMatching(/needs resource-specific consent/),
    });
  });
});
