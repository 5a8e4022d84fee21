import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  callFor,
  configureProvider,
  graphRequests,
  outOfBand,
  useProviderEmulator,
} from "../support/provider";
import { LIMITED_APP, USERS } from "../support/tenant";

const chat = callFor("Chat");
const msg = callFor("ChatMessage");
const PROVIDER = { __provider: "serialized-shim" };
const ADELE_UPN = "adele@contoso.com";
type Outs = Record<string, unknown> & {
  messageId: string;
  body: { content: string };
  adopted: boolean;
};

const emulator = useProviderEmulator({ kind: "user", username: ADELE_UPN });
let chatId: string;
beforeEach(async () => {
  const c = await chat<{ id: string }>("create", {
    chatType: "group",
    topic: "Welcome",
    members: [
      { user: USERS.adele, roles: ["owner"] },
      { user: USERS.u82af, roles: ["owner"] },
      { user: USERS.u8c0a, roles: ["owner"] },
    ],
    ...PROVIDER,
  });
  chatId = c.id;
  emulator().clearRequests();
});

const listMessages = async () => {
  const res = await outOfBand(
    emulator(),
    "GET",
    `/chats/${encodeURIComponent(chatId)}/messages`,
    undefined,
    ADELE_UPN,
  );
  return (
    (await res.json()) as {
      value: { id: string; body: { content: string }; deletedDateTime: string | null }[];
    }
  ).value;
};

describe("ChatMessage against the emulator", () => {
  it("sends a plain message (send-message example 1) with one request", async () => {
    const r = await msg<{ id: string; outs: Outs }>("create", {
      chatId,
      body: { content: "Hello world" },
      ...PROVIDER,
    });
    expect(r.id).toBe(`${chatId}/messages/${r.outs.messageId}`);
    expect(r.outs.body).toEqual({ contentType: "text", content: "Hello world" });
    expect(r.outs.from).toMatchObject({ user: { id: USERS.adele } });
    expect(graphRequests(emulator()).map((x) => x.method)).toEqual(["POST"]);
  });

  it("sends a message that mentions a member", async () => {
    const r = await msg<{ outs: Outs & { mentions: unknown[] } }>("create", {
      chatId,
      body: { contentType: "html", content: 'Welcome <at id="0">Pat</at>!' },
      mentions: [
        {
          id: 0,
          mentionText: "Pat",
          mentioned: { user: { id: USERS.u82af, displayName: "Pat", userIdentityType: "aadUser" } },
        },
      ],
      ...PROVIDER,
    });
    expect(r.outs.mentions).toHaveLength(1);
  });

  it("edits in place, reports out-of-band edits as drift, and treats a soft delete as gone", async () => {
    const inputs = { chatId, body: { content: "v1" }, ...PROVIDER };
    const { id, outs } = await msg<{ id: string; outs: Outs }>("create", inputs);
    const news = { ...inputs, body: { content: "v2" } };
    expect(await msg("diff", id, { ...outs, ...PROVIDER }, news)).toMatchObject({
      changes: true,
      replaces: [],
    });
    emulator().clearRequests();
    const edited = await msg<{ outs: Outs & { lastEditedDateTime: string | null } }>(
      "update",
      id,
      { ...outs, ...PROVIDER },
      news,
    );
    // One request: Graph answers the PATCH with 204, and the outputs are the fields sent.
    expect(graphRequests(emulator()).map((x) => `${x.method} ${x.status}`)).toEqual(["PATCH 204"]);
    expect(edited.outs.body.content).toBe("v2");
    expect(edited.outs.lastEditedDateTime).toBeTruthy();
    expect(await msg("diff", id, { ...edited.outs, ...PROVIDER }, news)).toEqual({ changes: false });
    // What a read finds agrees with them (Graph's time has milliseconds; the Date header whole seconds).
    const now = await msg<{ props: Outs & { lastEditedDateTime: string } }>("read", id, {
      ...edited.outs,
      ...PROVIDER,
    });
    const {
      lastEditedDateTime: e1,
      lastModifiedDateTime: m1,
      ...rest1
    } = now.props as Record<string, unknown>;
    const {
      lastEditedDateTime: e2,
      lastModifiedDateTime: m2,
      ...rest2
    } = edited.outs as Record<string, unknown>;
    expect(rest2).toEqual(rest1);
    expect(Math.abs(Date.parse(String(e1)) - Date.parse(String(e2)))).toBeLessThan(1000);
    expect(m2).toBe(e2);

    const path = `/chats/${encodeURIComponent(chatId)}/messages/${outs.messageId}`;
    expect(
      (
        await outOfBand(
          emulator(),
          "PATCH",
          path,
          { body: { contentType: "text", content: "edited in Teams" } },
          ADELE_UPN,
        )
      ).status,
    ).toBe(204);
    const read = await msg<{ props: Outs; inputs: { body: { content: string } } }>("read", id, {
      ...edited.outs,
      ...PROVIDER,
    });
    expect(read.props.body.content).toBe("edited in Teams");
    expect(read.inputs.body.content).toBe("edited in Teams");

    const soft = `/users/${USERS.adele}/chats/${encodeURIComponent(chatId)}/messages/${outs.messageId}/softDelete`;
    expect((await outOfBand(emulator(), "POST", soft, undefined, ADELE_UPN)).status).toBe(204);
    expect(await msg("read", id, { ...edited.outs, ...PROVIDER })).toEqual({ id: "" });
  });

  it("delete soft-deletes the message", async () => {
    const { id, outs } = await msg<{ id: string; outs: Outs }>("create", {
      chatId,
      body: { content: "bye" },
      ...PROVIDER,
    });
    await msg("delete", id, { ...outs, ...PROVIDER });
    expect((await listMessages()).find((m) => m.id === outs.messageId)?.deletedDateTime).toBeTruthy();
  });

  it("an application token is refused before anything is sent, with the way out", async () => {
    configureProvider(emulator());
    const err = (await msg("create", { chatId, body: { content: "Hello" }, ...PROVIDER }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toMatch(/needs a delegated token.*import/);
    expect(graphRequests(emulator())).toEqual([]);
  });

  it("a dropped response after the commit is reconciled: exactly one message exists", async () => {
    emulator().faults.add({
      method: "POST",
      path: "/chats/[^/]+/messages$",
      kind: "commitThenDrop",
      times: 1,
    });
    const r = await msg<{ outs: Outs }>("create", { chatId, body: { content: "exactly once" }, ...PROVIDER });
    const posts = graphRequests(emulator()).filter((x) => x.method === "POST").length;
    const copies = (await listMessages()).filter((m) => m.body.content === "exactly once");
    console.log(`dropped-response test: ${posts} POST(s) sent, ${copies.length} message(s) in the chat`);
    expect(posts).toBe(1);
    expect(copies).toHaveLength(1);
    expect(r.outs.adopted).toBe(true);
    expect(r.outs.messageId).toBe(copies[0]?.id);
  });

  it("an identical message sent earlier is never adopted: after a lost request it is sent again", async () => {
    const earlier = await msg<{ outs: Outs }>("create", {
      chatId,
      body: { content: "Reminder" },
      ...PROVIDER,
    });
    // Graph stamps messages to the millisecond but its Date header only to the second: 1.5 s apart is
    // always told apart, whatever this machine's clock says.
    await new Promise((r) => setTimeout(r, 1500));
    emulator().clearRequests();
    emulator().faults.add({ method: "POST", path: "/chats/[^/]+/messages$", kind: "drop", times: 1 });
    const r = await msg<{ outs: Outs }>("create", { chatId, body: { content: "Reminder" }, ...PROVIDER });
    expect(r.outs.adopted).toBe(false);
    expect(r.outs.messageId).not.toBe(earlier.outs.messageId);
    // Lost POST, the chat searched (at once, then while msteams:messageListSettleSeconds lasts), sent again.
    const log = graphRequests(emulator()).map((x) => `${x.method} ${x.status}`);
    expect(log[0]).toBe("POST 0");
    expect(log.at(-1)).toBe("POST 201");
    expect(new Set(log.slice(1, -1))).toEqual(new Set(["GET 200"]));
    expect((await listMessages()).filter((m) => m.body.content === "Reminder")).toHaveLength(2);
  });

  it("an edit that drops mentions, subject and importance clears them in Graph", async () => {
    const inputs = {
      chatId,
      body: { contentType: "html", content: 'Agenda for <at id="0">Pat</at>' },
      subject: "Agenda",
      importance: "high",
      mentions: [
        {
          id: 0,
          mentionText: "Pat",
          mentioned: { user: { id: USERS.u82af, displayName: "Pat", userIdentityType: "aadUser" } },
        },
      ],
      ...PROVIDER,
    };
    const { id, outs } = await msg<{ id: string; outs: Outs }>("create", inputs);
    const news = { chatId, body: { content: "Agenda moved to Friday" }, ...PROVIDER };
    const edited = await msg<{ outs: Outs & { subject: unknown; importance: unknown; mentions: unknown[] } }>(
      "update",
      id,
      { ...outs, ...PROVIDER },
      news,
    );
    expect(edited.outs).toMatchObject({ importance: "normal" });
    // No subject and no mentions: absent from state.
    expect(Object.keys(edited.outs)).not.toContain("subject");
    expect(Object.keys(edited.outs)).not.toContain("mentions");
    // Converged: the same program now shows no changes.
    expect(await msg("diff", id, { ...edited.outs, ...PROVIDER }, news)).toEqual({ changes: false });
    const stored = (await listMessages()).find((m) => m.id === outs.messageId) as unknown as {
      subject: unknown;
      mentions: unknown[];
    };
    expect(stored).toMatchObject({ subject: null, mentions: [] });
  });

  it("delete with an application token forgets the message with a warning and sends nothing", async () => {
    const { id, outs } = await msg<{ id: string; outs: Outs }>("create", {
      chatId,
      body: { content: "stays" },
      ...PROVIDER,
    });
    configureProvider(emulator());
    emulator().clearRequests();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await msg("delete", id, { ...outs, ...PROVIDER });
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/stays in Teams: .*soft-deletes messages only for a signed-in user/),
      );
    } finally {
      warn.mockRestore();
    }
    expect(graphRequests(emulator())).toEqual([]);
    expect((await listMessages()).find((m) => m.id === outs.messageId)?.deletedDateTime).toBeNull();
  });

  it("a 503 after the commit is not sent again: the message is found and adopted", async () => {
    emulator().faults.add({
      method: "POST",
      path: "/chats/[^/]+/messages$",
      kind: "commitThenStatus",
      status: 503,
      times: 1,
    });
    const r = await msg<{ outs: Outs }>("create", {
      chatId,
      body: { content: "503 after commit" },
      ...PROVIDER,
    });
    expect(r.outs.adopted).toBe(true);
    expect(graphRequests(emulator()).filter((x) => x.method === "POST")).toHaveLength(1);
    expect((await listMessages()).filter((m) => m.body.content === "503 after commit")).toHaveLength(1);
  });

  it("a lost answer while the list lags behind: the message is waited for, not sent twice", async () => {
    emulator().configure({ messageListDelayMs: 600 });
    emulator().faults.add({
      method: "POST",
      path: "/chats/[^/]+/messages$",
      kind: "commitThenDrop",
      times: 1,
    });
    const r = await msg<{ outs: Outs }>("create", { chatId, body: { content: "listed late" }, ...PROVIDER });
    expect(r.outs.adopted).toBe(true);
    const requests = graphRequests(emulator()).map((x) => x.method);
    expect(requests.filter((x) => x === "POST")).toHaveLength(1);
    expect(requests.filter((x) => x === "GET").length).toBeGreaterThan(1); // searched more than once
    await new Promise((res) => setTimeout(res, 50));
    expect((await listMessages()).filter((m) => m.body.content === "listed late")).toHaveLength(1);
  });

  it("a 503 before the commit is re-sent once the chat shows no such message", async () => {
    emulator().faults.add({
      method: "POST",
      path: "/chats/[^/]+/messages$",
      kind: "status",
      status: 503,
      times: 1,
    });
    const r = await msg<{ outs: Outs }>("create", { chatId, body: { content: "after a 503" }, ...PROVIDER });
    expect(r.outs.adopted).toBe(false);
    expect((await listMessages()).filter((m) => m.body.content === "after a 503")).toHaveLength(1);
  });
});

describe("ChatMessage import (migration mode, send-message example 2)", () => {
  it("imports with an application token into a chat in migration mode; a duplicate time is a 409", async () => {
    configureProvider(emulator());
    const started = await outOfBand(
      emulator(),
      "POST",
      `/chats/${encodeURIComponent(chatId)}/startMigration`,
      // Imports may not precede the conversation's start: move it before the imported history.
      { conversationCreationDateTime: "2019-01-01T00:00:00Z" },
    );
    expect(started.status).toBe(204);
    const inputs = {
      chatId,
      body: { content: "Imported from the old system" },
      createdDateTime: "2021-02-23T19:10:00.000Z",
      from: { user: { id: USERS.u82af, displayName: "Pat", userIdentityType: "aadUser" } },
      ...PROVIDER,
    };
    const r = await msg<{ outs: Outs & { createdDateTime: string; imported: boolean } }>("create", inputs);
    expect(r.outs).toMatchObject({ imported: true, adopted: false });
    expect(Date.parse(r.outs.createdDateTime)).toBe(Date.parse("2021-02-23T19:10:00.000Z"));
    emulator().clearRequests();
    // The same import again (say, its first answer was lost): Graph's 409 leads to the existing message.
    const again = await msg<{ outs: Outs }>("create", inputs);
    expect(again.outs).toMatchObject({ messageId: r.outs.messageId, adopted: true });
    expect(graphRequests(emulator()).map((x) => `${x.method} ${x.status}`)).toEqual(["POST 409", "GET 200"]);
    // Another message at the same millisecond is refused with the reason and the way out.
    const err = (await msg("create", { ...inputs, body: { content: "another" } }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toMatch(/409/);
    expect(err.message).toMatch(
      /already holds an imported message created at 2021-02-23T19:10:00\.000Z.*another createdDateTime/s,
    );
    expect((await listMessages()).filter((m) => m.body.content !== "")).toHaveLength(1);
  });

  it("an application token without Teamwork.Migrate.All is refused before anything is sent", async () => {
    configureProvider(emulator(), {
      kind: "app",
      clientId: LIMITED_APP.clientId,
      secret: LIMITED_APP.secret,
    });
    emulator().clearRequests();
    const err = (await msg("create", {
      chatId,
      body: { content: "x" },
      createdDateTime: "2021-02-23T19:10:00.000Z",
      from: { user: { id: USERS.u82af } },
      ...PROVIDER,
    }).catch((e: unknown) => e)) as Error;
    expect(err.name).toBe("CapabilityError");
    expect(err.message).toMatch(
      /needs an application token with the Teamwork\.Migrate\.All role; .*has roles: Chat\.Create/,
    );
    expect(graphRequests(emulator())).toEqual([]);
  });

  it("an application token without migration mode gets Graph's refusal", async () => {
    configureProvider(emulator());
    const err = (await msg("create", {
      chatId,
      body: { content: "x" },
      createdDateTime: "2021-02-23T19:10:00.000Z",
      from: { user: { id: USERS.u82af } },
      ...PROVIDER,
    }).catch((e: unknown) => e)) as Error;
    expect(err.name).toBe("GraphError");
    expect(err.message).toMatch(/migration/i);
  });
});
