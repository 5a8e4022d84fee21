// Where the emulator used to be lenient and Graph is strict: imports and migration start, unknown message
// properties, tokens only for users of the token's tenant, and rosters only with member-read permission.
import { describe, expect, it } from "vitest";
import {
  adele,
  chatPath,
  expectGraphError,
  FEDERATED_TENANT,
  HOME_TENANT,
  LIMITED_APP,
  newGroupChat,
  USERS,
  useEmulator,
} from "./helpers";

const { emu, raw } = useEmulator();

const imp = (createdDateTime: string, from: string = USERS.u82af) => ({
  body: { content: "old" },
  createdDateTime,
  from: { user: { id: from, displayName: "Someone" } },
});

describe("migration and import", () => {
  it("conversationCreationDateTime must be a date before the chat's creation; other keys are refused", async () => {
    const id = await newGroupChat(raw());
    const start = (body: unknown) => raw().call("POST", `${chatPath(id)}/startMigration`, body);
    expectGraphError(
      await start({ conversationCreationDateTime: "2999-01-01T00:00:00Z" }),
      400,
      "BadRequest",
      /must be a date-time before the chat's creation/,
    );
    expectGraphError(
      await start({ conversationCreationDateTime: "yesterday" }),
      400,
      "BadRequest",
      /"yesterday"/,
    );
    expectGraphError(
      await start({ conversationCreationDate: "2020-01-01T00:00:00Z" }),
      400,
      "BadRequest",
      /conversationCreationDate/,
    );
    expect(emu().store.state.chats[0]!.migrationMode).toBe("none");
    expect((await start({ conversationCreationDateTime: "2020-06-01T00:00:00Z" })).status).toBe(204);
    expect(emu().store.state.chats[0]!.conversationCreationDateTime).toBe("2020-06-01T00:00:00.000Z");
  });

  it("imports before the conversation's start or in the future are refused; between them they are accepted", async () => {
    const id = await newGroupChat(raw());
    const post = (body: unknown) => raw().call("POST", `${chatPath(id)}/messages`, body);
    await raw().call("POST", `${chatPath(id)}/startMigration`, {});
    // Without conversationCreationDateTime the conversation starts when the chat was created.
    expectGraphError(
      await post(imp("2021-02-23T19:10:00Z")),
      400,
      "BadRequest",
      /before the conversation's creation/,
    );
    expectGraphError(await post(imp("2999-01-01T00:00:00Z")), 400, "BadRequest", /is in the future/);
    expect((await post(imp(new Date(Date.now() - 1).toISOString()))).status).toBe(201);

    const older = await newGroupChat(raw());
    await raw().call("POST", `${chatPath(older)}/startMigration`, {
      conversationCreationDateTime: "2021-01-01T00:00:00Z",
    });
    const postOld = (body: unknown) => raw().call("POST", `${chatPath(older)}/messages`, body);
    expectGraphError(
      await postOld(imp("2020-12-31T23:59:59Z")),
      400,
      "BadRequest",
      /before the conversation's creation \(2021-01-01T00:00:00\.000Z\)/,
    );
    expect((await postOld(imp("2021-02-23T19:10:00Z"))).status).toBe(201);
  });

  it("an import's sender must be a user of the importing app's tenant", async () => {
    const id = await newGroupChat(raw());
    await raw().call("POST", `${chatPath(id)}/startMigration`, {
      conversationCreationDateTime: "2021-01-01T00:00:00Z",
    });
    const post = (from: string) =>
      raw().call("POST", `${chatPath(id)}/messages`, imp("2021-02-23T19:10:00Z", from));
    expectGraphError(
      await post("00000000-0000-0000-0000-000000000001"),
      400,
      "BadRequest",
      /not a user of the importing app's tenant/,
    );
    expectGraphError(
      await post(USERS.federated),
      400,
      "BadRequest",
      /not a user of the importing app's tenant/,
    );
    expect((await post(USERS.guest)).status).toBe(201); // a guest is in this tenant's directory
  });
});

describe("message properties", () => {
  it.each([["reactions"], ["bodyContent"], ["policyViolation"]])(
    "a new message with %s → 400 naming it, nothing posted",
    async (key) => {
      const id = await newGroupChat(raw());
      const r = await raw().call(
        "POST",
        `${chatPath(id)}/messages`,
        { body: { content: "hi" }, [key]: [] },
        adele,
      );
      expectGraphError(r, 400, "BadRequest", new RegExp(`'${key}' are not settable on a new chatMessage`));
      expect(emu().store.state.chats[0]!.messages).toEqual([]);
    },
  );
});

describe("tokens only for users of the token's tenant", () => {
  it("the password grant for a federated tenant's user → invalid_grant AADSTS50034; a home user gets one", async () => {
    const grant = (username: string) =>
      fetch(`${emu().url}/${HOME_TENANT}/oauth2/v2.0/token`, {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "password",
          client_id: "5a3e7c61-0b1f-4b5e-9c2d-6f0e8a4b7d21",
          username,
          password: "emulator",
          scope: "https://graph.microsoft.com/.default",
        }),
      });
    const federated = await grant("megan@fabrikam.com");
    expect(federated.status).toBe(400);
    const body = (await federated.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [50034] });
    expect(String(body["error_description"])).toContain("megan@fabrikam.com does not exist in the");
    expect(FEDERATED_TENANT).not.toBe(HOME_TENANT);
    expect((await grant("adele@contoso.com")).status).toBe(200);
  });
});

describe("rosters need member-read permission", () => {
  it("Chat.ReadBasic.All reads a chat but not ?$expand=members (emails); Chat.ReadWrite.All reads both", async () => {
    const id = await newGroupChat(raw());
    expect(LIMITED_APP.clientId).toBeTruthy();
    expect((await raw().call("GET", chatPath(id), undefined, "limited")).status).toBe(200);
    const expanded = await raw().call("GET", `${chatPath(id)}?$expand=members`, undefined, "limited");
    expectGraphError(expanded, 403, "Forbidden", /API requires one of 'ChatMember\.Read\.All, /);
    const list = await raw().call("GET", `/users/${USERS.adele}/chats?$expand=members`, undefined, "limited");
    expect(list.status).toBe(403);
    expect((await raw().call("GET", `/users/${USERS.adele}/chats`, undefined, "limited")).status).toBe(200);
    const full = await raw().call("GET", `${chatPath(id)}?$expand=members`);
    expect(full.status).toBe(200);
    expect(full.json["members"]).toHaveLength(3);
  });
});
