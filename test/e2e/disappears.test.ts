// Each resource deleted out of band, through the real engine: `refresh` drops it from the stack (and only
// it), and the next `up` makes it again, once. One stack, in turn: the message, the installation, the chat.
import { describe, expect, it } from "vitest";
import { outOfBand } from "../support/provider";
import { USERS } from "../support/tenant";
import { changes, Stack, useEmulator } from "./harness";

const emulator = useEmulator({ asyncOperationMs: 300 });
const ADELE = "adele@contoso.com";
const POLLS = "05F59CEC-A742-4A50-A62E-202A57E478A4";

type Deployment = {
  resources: { urn: string; type: string; id?: string; outputs?: Record<string, unknown> }[];
};

describe("a resource deleted out of band: refresh drops it, up makes it again", () => {
  const s = () => stack!;
  let stack: Stack | undefined;
  let outputs: Record<string, unknown> = {};
  const chatNow = () => emulator().store.state.chats.find((c) => c.id === outputs["chatId"]);
  let state: Deployment["resources"] = [];
  /** The resources of our types the stack's state holds, by logical name. */
  const inState = async () => {
    state = ((await s().ok("export")).deployment as Deployment).resources.filter(
      (r) => r.type.startsWith("pulumi-nodejs:dynamic:Resource") || r.type.includes("msteams"),
    );
    return state.map((r) => r.urn.split("::").pop()!).sort();
  };

  it("up makes the chat, the message and the installation", async () => {
    stack = new Stack("disappears", emulator(), "adele");
    const up = await s().ok("up");
    expect(changes(up.summary)).toEqual({ create: 4 }); // the stack and three resources
    outputs = up.outputs;
    expect(await inState()).toEqual(["note", "polls", "room"]);
  });

  it("ChatMessage: soft-deleted in Teams → refresh drops it → up sends it again, once", async () => {
    const old = outputs["messageId"] as string;
    const chatId = encodeURIComponent(outputs["chatId"] as string);
    const del = await outOfBand(
      emulator(),
      "POST",
      `/users/${USERS.adele}/chats/${chatId}/messages/${old}/softDelete`,
      undefined,
      ADELE,
    );
    expect(del.status).toBe(204);
    expect(changes((await s().ok("refresh")).summary)).toEqual({ delete: 1 });
    expect(await inState()).toEqual(["polls", "room"]);

    const up = await s().ok("up");
    expect(changes(up.summary)).toEqual({ create: 1 });
    expect(up.outputs["messageId"]).not.toBe(old);
    const live = chatNow()!.messages.filter((m) => !m.deletedDateTime);
    expect(live.map((m) => [m.id, m.body.content])).toEqual([[up.outputs["messageId"], "Still here?"]]);
    outputs = up.outputs;
    expect(changes((await s().ok("preview")).summary)).toEqual({});
  });

  it("ChatAppInstallation: uninstalled in Teams → refresh drops it → up installs it again, as this stack's", async () => {
    const old = outputs["installationId"] as string;
    const chatId = encodeURIComponent(outputs["chatId"] as string);
    const del = await outOfBand(emulator(), "DELETE", `/chats/${chatId}/installedApps/${old}`);
    expect(del.status).toBe(204);
    expect(chatNow()!.installedApps).toEqual([]);
    expect(changes((await s().ok("refresh")).summary)).toEqual({ delete: 1 });
    expect(await inState()).toEqual(["note", "room"]);

    const up = await s().ok("up");
    expect(changes(up.summary)).toEqual({ create: 1 });
    expect(chatNow()!.installedApps.map((a) => a.teamsAppId)).toEqual([POLLS]);
    expect(up.outputs["installationId"]).toBe(chatNow()!.installedApps[0]!.id);
    await inState();
    expect(state.find((r) => r.urn.endsWith("::polls"))?.outputs?.["adopted"]).toBe(false);
    outputs = up.outputs;
    expect(changes((await s().ok("preview")).summary)).toEqual({});
  });

  it("Chat: deleted in Teams → refresh drops it and what was in it → up makes all three again", async () => {
    const old = outputs["chatId"] as string;
    const del = await outOfBand(emulator(), "DELETE", `/chats/${encodeURIComponent(old)}`);
    expect(del.status).toBe(204);
    expect(changes((await s().ok("refresh")).summary)).toEqual({ delete: 3 });
    expect(await inState()).toEqual([]);

    const up = await s().ok("up");
    expect(changes(up.summary)).toEqual({ create: 3 });
    outputs = up.outputs;
    expect(outputs["chatId"]).not.toBe(old);
    const live = emulator().store.state.chats.filter((c) => !c.deletedDateTime);
    expect(live.map((c) => c.id)).toEqual([outputs["chatId"]]);
    expect(chatNow()!.topic).toBe("Disappears");
    expect(chatNow()!.messages.map((m) => m.body.content)).toEqual(["Still here?"]);
    expect(chatNow()!.installedApps.map((a) => a.teamsAppId)).toEqual([POLLS]);
    expect(changes((await s().ok("preview")).summary)).toEqual({});
  });
});
