// List chats (docs/graph-api.md §3): GET /chats and /me/chats (delegated), /users/{id|upn}/chats
// (application; delegated only for oneself), with $expand=members, $top, $filter and paging.
import { describe, expect, it } from "vitest";
import { defaultSeedPath, loadSeed, startEmulator } from "../../emulator";
import {
  adele,
  chatPath,
  counter,
  expectGraphError,
  HOME_TENANT,
  LIMITED_APP,
  newGroupChat,
  oneOnOneBody,
  owner,
  pat,
  Raw,
  sleep,
  USERS,
  useEmulator,
} from "./helpers";

const { emu, raw } = useEmulator();
const nextTopic = counter("List");

/** A group chat of `members` with a topic; returns its id. */
async function group(topic: string | undefined, members: readonly string[]): Promise<string> {
  const r = await raw().call("POST", "/chats", {
    chatType: "group",
    ...(topic !== undefined ? { topic } : {}),
    members: members.map(owner),
  });
  expect(r.status).toBe(201);
  return r.json["id"] as string;
}

const ids = (r: { json: Record<string, any> }) => (r.json["value"] as { id: string }[]).map((c) => c.id);
const q = (path: string, query: Record<string, string>) => `${path}?${new URLSearchParams(query)}`;

describe("who lists whose chats", () => {
  it("delegated: /me/chats and /chats are the signed-in user's live chats, newest change first", async () => {
    const a = await group(nextTopic(), [USERS.adele, USERS.u82af]);
    await sleep(5);
    const b = await group(nextTopic(), [USERS.adele, USERS.u8c0a]);
    await sleep(5);
    const notAdeles = await group(nextTopic(), [USERS.u82af, USERS.u8c0a]);
    await sleep(5);
    const c = await group(nextTopic(), [USERS.adele, USERS.u3626]);
    const gone = await group(nextTopic(), [USERS.adele, USERS.u3626]);
    expect((await raw().call("DELETE", chatPath(gone))).status).toBe(204);
    await sleep(5);
    // A rename changes lastUpdatedDateTime, which moves the chat to the front.
    expect((await raw().call("PATCH", chatPath(a), { topic: "Renamed" })).status).toBe(200);

    for (const path of ["/me/chats", "/chats", "/beta/me/chats"]) {
      const r = await raw().call("GET", path, undefined, adele);
      expect(r.status).toBe(200);
      expect(ids(r)).toEqual([a, c, b]);
      expect(ids(r)).not.toContain(notAdeles);
    }
    const r = await raw().call("GET", "/beta/chats", undefined, adele);
    expect(r.json["@odata.context"]).toBe("https://graph.microsoft.com/beta/$metadata#chats");
    expect(r.json["@odata.count"]).toBe(3);
    expect(r.json["@odata.nextLink"]).toBeUndefined();
    expect(r.json["value"][0]).toMatchObject({
      id: a,
      topic: "Renamed",
      chatType: "group",
      tenantId: HOME_TENANT,
    });
    expect(r.json["value"][0]).not.toHaveProperty("@odata.context");
    expect(r.json["value"][0]).not.toHaveProperty("members");
  });

  it("application: /users/{id}/chats and /users/{upn}/chats; /chats and /me/chats need a user", async () => {
    const a = await group(nextTopic(), [USERS.adele, USERS.u82af]);
    const dm = (await raw().call("POST", "/chats", oneOnOneBody())).json["id"] as string;
    await group(nextTopic(), [USERS.u8c0a, USERS.u3626]);
    const byId = await raw().call("GET", `/users/${USERS.u82af}/chats`);
    expect(byId.status).toBe(200);
    expect(ids(byId).sort()).toEqual([a, dm].sort());
    expect(byId.json["@odata.context"]).toBe(
      `https://graph.microsoft.com/v1.0/$metadata#users('${USERS.u82af}')/chats`,
    );
    expect(ids(await raw().call("GET", "/users('pat@contoso.com')/chats")).sort()).toEqual([a, dm].sort());
    expectGraphError(
      await raw().call("GET", "/me/chats"),
      400,
      "BadRequest",
      /^\/me request is only valid with delegated authentication flow\.$/,
    );
    expectGraphError(
      await raw().call("GET", "/chats"),
      403,
      "Forbidden",
      /not supported for application permissions/,
    );
    expectGraphError(
      await raw().call("GET", "/users/nobody@contoso.com/chats"),
      404,
      "Request_ResourceNotFound",
      /nobody@contoso\.com/,
    );
  });

  it("delegated: /users/{id}/chats only for oneself", async () => {
    const a = await group(nextTopic(), [USERS.adele, USERS.u82af]);
    expect(ids(await raw().call("GET", "/users/adele@contoso.com/chats", undefined, adele))).toEqual([a]);
    expect(ids(await raw().call("GET", `/users/${USERS.adele}/chats`, undefined, adele))).toEqual([a]);
    expectGraphError(
      await raw().call("GET", `/users/${USERS.u82af}/chats`, undefined, adele),
      403,
      "Forbidden",
      /only their own chats.*82af01c5/,
    );
  });

  it("permissions: Chat.ReadBasic(.All) suffice; without a chat-read permission → 403 naming them", async () => {
    const a = await group(nextTopic(), [USERS.u4b82, USERS.u82af]);
    expect(ids(await raw().call("GET", `/users/${USERS.u4b82}/chats`, undefined, "limited"))).toEqual([a]);
    const seed = loadSeed(defaultSeedPath);
    const weak = {
      ...seed,
      appRegistrations: seed.appRegistrations.map((r) =>
        r.clientId === LIMITED_APP.clientId
          ? { ...r, applicationPermissions: ["Chat.Create"], delegatedPermissions: ["Chat.Create"] }
          : r,
      ),
    };
    const other = await startEmulator({ port: 0, seed: weak });
    try {
      const r = new Raw(other);
      expectGraphError(
        await r.call("GET", `/users/${USERS.u4b82}/chats`, undefined, "limited"),
        403,
        "Forbidden",
        /API requires one of 'Chat\.ReadBasic\.All, Chat\.Read\.All, Chat\.ReadWrite\.All'/,
      );
    } finally {
      await other.close();
    }
  });
});

describe("query options", () => {
  it("$expand=members: each chat's members (at most 25, Graph's known limit); other expands → 400", async () => {
    const a = await group(nextTopic(), [USERS.adele, USERS.u82af, USERS.u8c0a]);
    const r = await raw().call("GET", "/me/chats?$expand=members", undefined, adele);
    expect(r.json["@odata.context"]).toBe("https://graph.microsoft.com/v1.0/$metadata#chats(members())");
    expect(r.json["value"][0]["members"].map((m: { userId: string }) => m.userId)).toEqual([
      USERS.adele,
      USERS.u82af,
      USERS.u8c0a,
    ]);
    for (let n = 0; n < 30; n++) {
      const userId = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
      emu().store.addMember(a, {
        userId,
        displayName: `Extra ${n}`,
        email: null,
        tenantId: HOME_TENANT,
        roles: ["owner"],
        visibleHistoryStartDateTime: "0001-01-01T00:00:00Z",
      });
    }
    const big = await raw().call("GET", "/me/chats?$expand=members", undefined, adele);
    expect(big.json["value"][0]["members"]).toHaveLength(25);
    expectGraphError(
      await raw().call("GET", "/me/chats?$expand=lastMessagePreview", undefined, adele),
      400,
      "BadRequest",
      /\$expand=lastMessagePreview is not supported.*GET \/me\/chats.*supported: members/,
    );
  });

  it("$filter: chatType, topic (quotes doubled), a member's userId, joined with and", async () => {
    const plain = await group("Plans and budget", [USERS.adele, USERS.u82af]);
    const quoted = await group("Pat's room", [USERS.adele, USERS.u8c0a]);
    const dm = (await raw().call("POST", "/chats", oneOnOneBody())).json["id"] as string;
    const list = async (filter: string) => {
      const r = await raw().call("GET", q("/me/chats", { $filter: filter }), undefined, adele);
      expect(r.status).toBe(200);
      return ids(r).sort();
    };
    expect(await list("chatType eq 'group'")).toEqual([plain, quoted].sort());
    expect(await list("chatType eq 'oneOnOne'")).toEqual([dm]);
    expect(await list("topic eq 'Plans and budget'")).toEqual([plain]);
    expect(await list("topic eq 'Pat''s room'")).toEqual([quoted]);
    const withPat = `members/any(o: o/microsoft.graph.aadUserConversationMember/userId eq '${USERS.u82af}')`;
    expect(await list(withPat)).toEqual([plain, dm].sort());
    expect(await list(`chatType eq 'group' and ${withPat}`)).toEqual([plain]);
    expect(await list(`chatType eq 'group' and topic eq 'Plans and budget' and ${withPat}`)).toEqual([plain]);
    expect(await list("chatType eq 'group' and topic eq 'Pat''s room'")).toEqual([quoted]);
    expect(await list("topic eq 'nothing like it'")).toEqual([]);
  });

  it.each([
    ["chatType eq 'meeting'"],
    ["topic ne 'x'"],
    ["startswith(topic, 'P')"],
    ["chatType eq 'group' or topic eq 'x'"],
    ["chatType eq 'group' and"],
    ["members/any(o: o/displayName eq 'Pat')"],
  ])("$filter %s → 400 naming the filter and the supported forms", async (filter) => {
    expectGraphError(
      await raw().call("GET", q("/me/chats", { $filter: filter }), undefined, adele),
      400,
      "BadRequest",
      /^\$filter '.+' is not supported .* GET \/me\/chats; supported: chatType eq 'group'\|'oneOnOne', topic eq/,
    );
  });

  it("$top 1–50 (default 20), pages through @odata.nextLink / $skiptoken with the other options kept", async () => {
    const made: string[] = [];
    for (let n = 0; n < 23; n++) made.push(await group(`Page ${n}`, [USERS.adele, USERS.u82af]));
    await group("Other", [USERS.u8c0a, USERS.u82af]);
    const first = await raw().call("GET", "/me/chats", undefined, adele);
    expect(ids(first)).toHaveLength(20);
    const next = first.json["@odata.nextLink"] as string;
    expect(next.startsWith(`${emu().url}/v1.0/me/chats?`)).toBe(true);
    expect(new URL(next).searchParams.get("$skiptoken")).toBeTruthy();
    const rest = await raw().call("GET", next.slice(`${emu().url}/v1.0`.length), undefined, adele);
    expect(rest.json["@odata.nextLink"]).toBeUndefined();
    expect([...ids(first), ...ids(rest)].sort()).toEqual([...made].sort());

    const seen: string[] = [];
    let path: string | undefined = q(`/users/${USERS.u82af}/chats`, {
      $top: "10",
      $filter: "chatType eq 'group'",
      $expand: "members",
    });
    while (path) {
      const r = await raw().call("GET", path);
      expect(r.status).toBe(200);
      expect(r.json["value"].every((c: { members?: unknown[] }) => c.members?.length === 2)).toBe(true);
      seen.push(...ids(r));
      const link = r.json["@odata.nextLink"] as string | undefined;
      if (link) expect(new URL(link).searchParams.get("$top")).toBe("10");
      path = link?.slice(`${emu().url}/v1.0`.length);
    }
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);

    for (const top of ["0", "51", "x"])
      expectGraphError(
        await raw().call("GET", `/me/chats?$top=${top}`, undefined, adele),
        400,
        "BadRequest",
        /\$top must be between 1 and 50/,
      );
    expectGraphError(
      await raw().call("GET", "/me/chats?$skiptoken=bm9wZQ", undefined, adele),
      400,
      "BadRequest",
      /\$skiptoken is not one this emulator issued/,
    );
  });

  it.each([["$select=id"], ["$orderby=lastMessagePreview/createdDateTime desc"], ["$count=true"]])(
    "%s → 400 naming the option",
    async (option) => {
      const name = option.split("=")[0]!;
      expectGraphError(
        await raw().call("GET", `/me/chats?${option}`, undefined, adele),
        400,
        "BadRequest",
        new RegExp(`^Query option '\\${name}' is not supported .* GET /me/chats; supported: \\$expand`),
      );
    },
  );
});

describe("eventual consistency", () => {
  it("with chatListDelayMs a new chat is read by id at once but listed only after the delay", async () => {
    emu().configure({ chatListDelayMs: 300 });
    const id = await newGroupChat(raw());
    expect((await raw().call("GET", chatPath(id), undefined, pat)).status).toBe(200);
    expect(ids(await raw().call("GET", "/me/chats", undefined, pat))).toEqual([]);
    expect(ids(await raw().call("GET", `/users/${USERS.u82af}/chats`))).toEqual([]);
    await sleep(350);
    expect(ids(await raw().call("GET", "/me/chats", undefined, pat))).toEqual([id]);
  });

  it("PUT /_emulator/config sets chatListDelayMs; reset restores 0", async () => {
    const put = await fetch(`${emu().url}/_emulator/config`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${emu().adminToken}` },
      body: JSON.stringify({ chatListDelayMs: 60_000 }),
    });
    expect(put.status).toBe(204);
    await newGroupChat(raw());
    expect(ids(await raw().call("GET", "/me/chats", undefined, pat))).toEqual([]);
    emu().reset();
    const id = await newGroupChat(raw());
    expect(ids(await raw().call("GET", "/me/chats", undefined, pat))).toEqual([id]);
  });
});
