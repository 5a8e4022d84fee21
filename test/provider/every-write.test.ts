// Every write the provider sends, under one injected fault each (a 503, a 429, a connection reset, a 503
// after the commit, an answer lost after the commit): the resource converges in ONE provider call, with
// nothing made twice and the right `adopted`, and the write is sent exactly as often as its class says
// (docs/graph-api.md "Every write, once"):
// - repeat: Graph makes it idempotent; the Graph client sends it again (a delete's 404 is success);
// - look:   after an unclear answer, what it made is looked for (one look here: settle 0) before a resend;
// - answer: sent again at once, and Graph's 409 to the repeat is the write our lost attempt made.
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import type { FaultRule } from "../../emulator/faults";
import * as runtime from "../../provider/runtime";
import { useEmulatorFor } from "../support/emulator";
import { callFor, configureProvider, graphRequests, outOfBand } from "../support/provider";
import { APPS, USERS } from "../support/tenant";

const chat = callFor("Chat");
const msg = callFor("ChatMessage");
const inst = callFor("ChatAppInstallation");
const PROVIDER = { __provider: "serialized-shim" };
const ADELE = "adele@contoso.com";
const STANDUP = "c3a9f0e2-7b64-4d1e-9f8a-2b5c6d7e8f90"; // two versions; 2.0.0 needs more consent
const READ = { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" };
const SEND = { permissionValue: "ChatMessage.Send.Chat", permissionType: "application" };

type Outs = Record<string, unknown> & { adopted: boolean };
type Made = { id: string; outs: Outs };

const emulator = useEmulatorFor({ asyncOperationMs: 300 });
const emu = (): RunningEmulator => emulator();

type Who = "app" | "adele";
/** One look after an unclear answer (no settle wait), so the request counts are deterministic. */
const point = (who: Who) =>
  configureProvider(emu(), who === "app" ? { kind: "app" } : { kind: "user", username: ADELE }, {
    "msteams:chatListSettleSeconds": "0",
    "msteams:messageListSettleSeconds": "0",
  });

let topics = 0;
const members = (...users: string[]) => users.map((user) => ({ user, roles: ["owner"] }));
const group = (extra: Record<string, unknown> = {}) => ({
  chatType: "group",
  topic: `Every write ${++topics}`,
  members: members(USERS.u8c0a, USERS.u82fe),
  ...PROVIDER,
  ...extra,
});
const adeleGroup = (extra: Record<string, unknown> = {}) =>
  group({ members: members(USERS.adele, USERS.u82af), ...extra });

const live = () => emu().store.state.chats.filter((c) => !c.deletedDateTime);
const stored = (id: string) => emu().store.state.chats.find((c) => c.id === id)!;
const messageIdOf = (id: string) => id.split("/messages/")[1]!;

type Klass = "repeat" | "look" | "answer";
interface Prepared {
  act(): Promise<unknown>;
  /** Graph and the result after the call: converged, nothing twice, the right `adopted`. */
  check(result: unknown, committed: boolean): void | Promise<void>;
}
interface WriteCase {
  write: string;
  klass: Klass;
  who: Who;
  method: string;
  /** The write's path (emulator fault pattern, also used here to count its requests). */
  path: string;
  /** For the look class: the GET that looks for what the write made. */
  look?: string;
  prepare(): Promise<Prepared>;
}

const WRITES: WriteCase[] = [
  {
    write: "group chat create (POST /chats)",
    klass: "look",
    who: "app",
    method: "POST",
    path: "^/chats$",
    look: `^/users/${USERS.u8c0a}/chats$`,
    prepare: async () => {
      const inputs = group();
      return {
        act: () => chat<Made>("create", inputs),
        check: (r) => {
          const made = live().filter((c) => c.topic === inputs.topic);
          expect(made).toHaveLength(1);
          expect(r).toMatchObject({ id: made[0]!.id, outs: { adopted: false } });
        },
      };
    },
  },
  {
    write: "one-on-one chat create (POST /chats)",
    klass: "repeat",
    who: "app",
    method: "POST",
    path: "^/chats$",
    prepare: async () => ({
      act: () =>
        chat<Made>("create", {
          chatType: "oneOnOne",
          members: members(USERS.u8c0a, USERS.u82fe),
          ...PROVIDER,
        }),
      check: (r) => {
        const made = live().filter((c) => c.chatType === "oneOnOne");
        expect(made).toHaveLength(1);
        // Made by this create (its lost first attempt included), so not adopted.
        expect(r).toMatchObject({ id: made[0]!.id, outs: { adopted: false } });
      },
    }),
  },
  {
    write: "topic change (PATCH /chats/{id})",
    klass: "repeat",
    who: "app",
    method: "PATCH",
    path: "^/chats/[^/]+$",
    prepare: async () => {
      const inputs = group();
      const c = await chat<Made>("create", inputs);
      return {
        act: () =>
          chat<{ outs: Outs }>("update", c.id, { ...c.outs, ...PROVIDER }, { ...inputs, topic: "Renamed" }),
        check: (r) => {
          expect(stored(c.id).topic).toBe("Renamed");
          expect(r).toMatchObject({ outs: { topic: "Renamed", adopted: false } });
        },
      };
    },
  },
  {
    write: "member add (POST /chats/{id}/members)",
    klass: "look",
    who: "app",
    method: "POST",
    path: "^/chats/[^/]+/members$",
    look: "^/chats/[^/]+/members$",
    prepare: async () => {
      const inputs = group();
      const c = await chat<Made>("create", inputs);
      const news = { ...inputs, members: members(USERS.u8c0a, USERS.u82fe, USERS.u3626) };
      return {
        act: () => chat<{ outs: Outs }>("update", c.id, { ...c.outs, ...PROVIDER }, news),
        check: (r) => {
          const ids = stored(c.id).members.map((m) => m.userId);
          expect(ids.sort()).toEqual([USERS.u3626, USERS.u82fe, USERS.u8c0a].sort());
          const outs = (r as { outs: { members: { user: string; userId: string | null }[] } }).outs;
          expect(outs.members.map((m) => m.user)).toEqual([USERS.u8c0a, USERS.u82fe, USERS.u3626]);
          expect(outs.members[2]!.userId).toBe(USERS.u3626);
        },
      };
    },
  },
  {
    write: "member remove (DELETE /chats/{id}/members/{id})",
    klass: "repeat",
    who: "app",
    method: "DELETE",
    path: "^/chats/[^/]+/members/[^/]+$",
    prepare: async () => {
      const inputs = group({ members: members(USERS.u8c0a, USERS.u82fe, USERS.u3626) });
      const c = await chat<Made>("create", inputs);
      const news = { ...inputs, members: members(USERS.u8c0a, USERS.u82fe) };
      return {
        act: () => chat<{ outs: Outs }>("update", c.id, { ...c.outs, ...PROVIDER }, news),
        check: () => {
          expect(
            stored(c.id)
              .members.map((m) => m.userId)
              .sort(),
          ).toEqual([USERS.u82fe, USERS.u8c0a].sort());
        },
      };
    },
  },
  {
    write: "message send (POST /chats/{id}/messages)",
    klass: "look",
    who: "adele",
    method: "POST",
    path: "^/chats/[^/]+/messages$",
    look: "^/chats/[^/]+/messages$",
    prepare: async () => {
      const c = await chat<Made>("create", adeleGroup());
      return {
        act: () => msg<Made>("create", { chatId: c.id, body: { content: "Sent once" }, ...PROVIDER }),
        check: (r, committed) => {
          const sent = stored(c.id).messages.filter((m) => m.body.content === "Sent once");
          expect(sent).toHaveLength(1);
          expect(messageIdOf((r as Made).id)).toBe(sent[0]!.id);
          // ChatMessage's `adopted`: the send was reconciled by finding the message already posted.
          expect((r as Made).outs.adopted).toBe(committed);
        },
      };
    },
  },
  {
    write: "message edit (PATCH /chats/{id}/messages/{id})",
    klass: "repeat",
    who: "adele",
    method: "PATCH",
    path: "^/chats/[^/]+/messages/[^/]+$",
    prepare: async () => {
      const c = await chat<Made>("create", adeleGroup());
      const first = { chatId: c.id, body: { content: "Draft" }, ...PROVIDER };
      const m = await msg<Made>("create", first);
      return {
        act: () => msg("update", m.id, { ...m.outs, ...PROVIDER }, { ...first, body: { content: "Final" } }),
        check: () => {
          expect(stored(c.id).messages.map((x) => x.body.content)).toEqual(["Final"]);
        },
      };
    },
  },
  {
    write: "message soft delete (POST …/messages/{id}/softDelete)",
    klass: "repeat",
    who: "adele",
    method: "POST",
    path: "/softDelete$",
    prepare: async () => {
      const c = await chat<Made>("create", adeleGroup());
      const m = await msg<Made>("create", { chatId: c.id, body: { content: "Bye" }, ...PROVIDER });
      return {
        act: () => msg("delete", m.id, { ...m.outs, ...PROVIDER }),
        check: () => {
          expect(stored(c.id).messages.map((x) => !!x.deletedDateTime)).toEqual([true]);
        },
      };
    },
  },
  {
    write: "app install (POST /chats/{id}/installedApps)",
    klass: "answer",
    who: "app",
    method: "POST",
    path: "^/chats/[^/]+/installedApps$",
    prepare: async () => {
      const c = await chat<Made>("create", group());
      return {
        act: () => inst<Made>("create", { chatId: c.id, teamsAppId: APPS.plain, ...PROVIDER }),
        check: (r) => {
          const apps = stored(c.id).installedApps;
          expect(apps.map((a) => a.teamsAppId)).toEqual([APPS.plain]);
          // Installed by this create (its lost first attempt included): this stack's, so destroy removes it.
          expect(r).toMatchObject({ outs: { adopted: false, installationId: apps[0]!.id } });
        },
      };
    },
  },
  {
    write: "a chat's declared app install (Chat update, POST /chats/{id}/installedApps)",
    klass: "answer",
    who: "app",
    method: "POST",
    path: "^/chats/[^/]+/installedApps$",
    prepare: async () => {
      const inputs = group();
      const c = await chat<Made>("create", inputs);
      const news = { ...inputs, installedApps: [{ teamsAppId: APPS.plain }] };
      return {
        act: () => chat("update", c.id, { ...c.outs, ...PROVIDER }, news),
        check: () => {
          expect(stored(c.id).installedApps.map((a) => a.teamsAppId)).toEqual([APPS.plain]);
        },
      };
    },
  },
  {
    write: "app upgrade (POST …/installedApps/{id}/upgrade)",
    klass: "repeat",
    who: "app",
    method: "POST",
    path: "/upgrade$",
    prepare: async () => {
      const c = await chat<Made>("create", group());
      const first = {
        chatId: c.id,
        teamsAppId: STANDUP,
        consentedPermissionSet: { resourceSpecificPermissions: [READ] },
        ...PROVIDER,
      };
      const i = await inst<Made>("create", first);
      const news = { ...first, consentedPermissionSet: { resourceSpecificPermissions: [READ, SEND] } };
      return {
        act: () => inst("update", i.id, { ...i.outs, ...PROVIDER }, news),
        check: (r) => {
          expect(stored(c.id).installedApps.map((a) => a.definitionVersion)).toEqual(["2.0.0"]);
          expect(r).toMatchObject({ outs: { teamsAppDefinition: { version: "2.0.0" }, adopted: false } });
        },
      };
    },
  },
  {
    write: "app uninstall (DELETE …/installedApps/{id})",
    klass: "repeat",
    who: "app",
    method: "DELETE",
    path: "^/chats/[^/]+/installedApps/[^/]+$",
    prepare: async () => {
      const c = await chat<Made>("create", group());
      const i = await inst<Made>("create", { chatId: c.id, teamsAppId: APPS.plain, ...PROVIDER });
      return {
        act: () => inst("delete", i.id, { ...i.outs, ...PROVIDER }),
        check: () => {
          expect(stored(c.id).installedApps).toEqual([]);
        },
      };
    },
  },
  {
    write: "chat delete (DELETE /chats/{id})",
    klass: "repeat",
    who: "app",
    method: "DELETE",
    path: "^/chats/[^/]+$",
    prepare: async () => {
      const c = await chat<Made>("create", group());
      return {
        act: () => chat("delete", c.id, { ...c.outs, ...PROVIDER }),
        check: () => {
          expect(stored(c.id).deletedDateTime).toBeTruthy();
        },
      };
    },
  },
  {
    write: "chat hide (POST /chats/{id}/hideForUser)",
    klass: "repeat",
    who: "adele",
    method: "POST",
    path: "/hideForUser$",
    prepare: async () => {
      const c = await chat<Made>("create", adeleGroup({ deletionPolicy: "hide" }));
      return {
        act: () => chat("delete", c.id, { ...c.outs, ...PROVIDER }),
        check: () => {
          expect(stored(c.id).hiddenFor).toEqual([USERS.adele]);
        },
      };
    },
  },
];

interface Fault {
  name: string;
  rule: FaultRule;
  /** Graph made the change before the answer was lost. */
  committed: boolean;
  /** A 429: Graph did not process it, and every client repeats it (Retry-After). */
  throttled: boolean;
}
const FAULTS: Fault[] = [
  { name: "503", rule: { kind: "status", status: 503 }, committed: false, throttled: false },
  {
    name: "429",
    rule: { kind: "status", status: 429, retryAfterSeconds: 0 },
    committed: false,
    throttled: true,
  },
  { name: "connection reset", rule: { kind: "drop" }, committed: false, throttled: false },
  {
    name: "503 after the commit",
    rule: { kind: "commitThenStatus", status: 503 },
    committed: true,
    throttled: false,
  },
  {
    name: "answer lost after the commit",
    rule: { kind: "commitThenDrop" },
    committed: true,
    throttled: false,
  },
];

/** How often the write is sent, and how often what it made is looked for, by class and fault. */
function expected(klass: Klass, f: Fault): { sends: number; looks: number } {
  if (klass !== "look") return { sends: 2, looks: 0 };
  if (f.throttled) return { sends: 2, looks: 0 };
  return { sends: f.committed ? 1 : 2, looks: 1 };
}

const graphPath = (p: string) => decodeURIComponent(p).replace(/^\/(v1\.0|beta)(?=\/)/, "");

describe.each(WRITES)("$write ($klass)", (w) => {
  it.each(FAULTS)("one $name: converges in one call, nothing twice, sent as its class says", async (f) => {
    point(w.who);
    const p = await w.prepare();
    emu().clearRequests();
    emu().faults.add({ ...f.rule, method: w.method, path: w.path });
    const result = await p.act();
    await p.check(result, f.committed);

    const log = graphRequests(emu()).map((r) => ({ ...r, at: graphPath(r.path) }));
    const writes = log.filter((r) => r.method === w.method && new RegExp(w.path).test(r.at));
    const first = log.indexOf(writes[0]!);
    const looks = w.look
      ? log.slice(first).filter((r) => r.method === "GET" && new RegExp(w.look!).test(r.at)).length
      : 0;
    const want = expected(w.klass, f);
    expect({ sends: writes.length, looks }).toEqual(want);
    if (w.klass === "answer" && f.committed) expect(writes.at(-1)!.status).toBe(409);
    if (w.method === "DELETE" && f.committed) expect(writes.at(-1)!.status).toBe(404);
  });
});

describe("an install's 409", () => {
  it("to the very first attempt is someone else's installation: adopted, and sent once", async () => {
    point("app");
    const c = await chat<Made>("create", group());
    await outOfBand(emu(), "POST", `/chats/${encodeURIComponent(c.id)}/installedApps`, {
      "teamsApp@odata.bind": `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${APPS.plain}`,
    });
    emu().clearRequests();
    const r = await inst<Made>("create", { chatId: c.id, teamsAppId: APPS.plain, ...PROVIDER });
    expect(r.outs.adopted).toBe(true);
    const posts = graphRequests(emu())
      .filter((x) => x.method === "POST")
      .map((x) => x.status);
    expect(posts).toEqual([409]);
    expect(stored(c.id).installedApps).toHaveLength(1);
  });

  it("an install is resent as often as an idempotent request: after maxRetries + 1 lost answers it fails, saying so", async () => {
    point("app");
    const c = await chat<Made>("create", group());
    const sends = runtime.settings().maxRetries + 1;
    emu().faults.add({ method: "POST", path: "/installedApps$", kind: "drop", times: sends });
    const err = await inst("create", { chatId: c.id, teamsAppId: APPS.plain, ...PROVIDER }).catch(
      (e: unknown) => e as Error,
    );
    expect(String(err)).toMatch(new RegExp(`Sent ${sends} times`));
    expect(stored(c.id).installedApps).toEqual([]);
  });
});
