import { describe, expect, it } from "vitest";
import { diffChat } from "../../provider/chat/diff";
import type { ChatInputs } from "../../provider/generated/types";
import { UNKNOWN } from "../../provider/validate";
import { adele, chatInputs as inputs, member, pat, chatState as state } from "../support/states";

const oneOnOneState = state({ chatType: "oneOnOne", topic: null, members: [member(adele), member(pat)] });
const oneOnOneInputs = inputs({
  chatType: "oneOnOne",
  members: [
    { user: adele, roles: ["owner"] },
    { user: pat, roles: ["owner"] },
  ],
});
delete (oneOnOneInputs as { topic?: string }).topic;

describe("Chat diff table", () => {
  it("nothing changed → no changes", () => {
    expect(diffChat(state(), inputs())).toEqual({ changes: false });
    expect(diffChat(oneOnOneState, oneOnOneInputs)).toEqual({ changes: false });
  });
  it("same people by another spelling (object id for a UPN, other case) → no changes", () => {
    const news = inputs({
      members: [
        { user: adele.toUpperCase() },
        { user: pat },
        { user: "11111111-1111-1111-1111-111111111111" },
      ],
    });
    expect(diffChat(state(), news)).toEqual({ changes: false });
  });
  it("topic → update in place", () => {
    expect(diffChat(state(), inputs({ topic: "Launch v2" }))).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
  it("add a group member → update in place", () => {
    const news = inputs({ members: [...inputs().members, { user: "alex@contoso.com" }] });
    expect(diffChat(state(), news)).toMatchObject({ changes: true, replaces: [] });
  });
  it("remove a group member → update in place", () => {
    expect(diffChat(state(), inputs({ members: inputs().members.slice(0, 2) }))).toMatchObject({
      changes: true,
      replaces: [],
    });
  });
  it("role change in a group → update in place", () => {
    const news = inputs({
      members: [{ user: adele }, { user: pat, roles: ["guest"] }, { user: "jacob@contoso.com" }],
    });
    expect(diffChat(state(), news)).toMatchObject({ changes: true, replaces: [] });
  });
  it("chatType → replace", () => {
    expect(diffChat(state(), inputs({ chatType: "oneOnOne" })).replaces).toContain("chatType");
  });
  it("one-on-one roster → replace", () => {
    const news = { ...oneOnOneInputs, members: [{ user: adele }, { user: "jacob@contoso.com" }] };
    expect(diffChat(oneOnOneState, news).replaces).toEqual(["members"]);
  });
  it("existingChatId → replace", () => {
    expect(diffChat(state(), inputs({ existingChatId: "19:abc@thread.v2" })).replaces).toEqual([
      "existingChatId",
    ]);
  });
  it("deletionPolicy → update (state only)", () => {
    expect(diffChat(state(), inputs({ deletionPolicy: "forget" }))).toMatchObject({
      changes: true,
      replaces: [],
    });
  });
  it("installedApps changed → update, never a replace of the chat", () => {
    expect(
      diffChat(state(), inputs({ installedApps: [{ teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4" }] })),
    ).toMatchObject({ changes: true, replaces: [] });
  });
  it("removing topic from the program leaves it alone → no changes", () => {
    const news = inputs();
    delete (news as { topic?: string }).topic;
    expect(diffChat(state(), news)).toEqual({ changes: false });
  });
  it("unknown values during preview → changes (replace for replace-only properties)", () => {
    expect(diffChat(state(), inputs({ topic: UNKNOWN }))).toMatchObject({ changes: true, replaces: [] });
    expect(diffChat(state(), inputs({ chatType: UNKNOWN as "group" })).replaces).toEqual(["chatType"]);
    expect(
      diffChat(oneOnOneState, { ...oneOnOneInputs, members: UNKNOWN as unknown as [] }).replaces,
    ).toEqual(["members"]);
  });
  it("a member added out of band shows as a change back to the declared roster", () => {
    const drifted = state({ members: [...state().members, member("alex@contoso.com")] });
    expect(diffChat(drifted, inputs())).toMatchObject({ changes: true, replaces: [] });
  });
});

describe("Chat diff: members the program does not declare (undeclaredMembers)", () => {
  const chatId = "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2";
  const jacob = "5e2f7a1c-3b4d-4e6f-8a9b-0c1d2e3f4a5b";
  const twoDeclared: Pick<ChatInputs, "members"> = {
    members: [
      { user: adele, roles: ["owner"] },
      { user: pat, roles: ["owner"] },
    ],
  };
  const withStranger = { members: [member(adele), member(pat), member(jacob, { displayName: "Jacob" })] };

  it("a chat this stack created: they are removed by default, kept with keep", () => {
    expect(diffChat(state(withStranger), inputs(twoDeclared))).toMatchObject({ changes: true, replaces: [] });
    const kept = diffChat(
      state({ ...withStranger, undeclaredMembers: "keep" }),
      inputs({ ...twoDeclared, undeclaredMembers: "keep" }),
    );
    expect(kept).toEqual({ changes: false });
  });

  it("an adopted chat: they stay by default, and the diff warns who they are and which input removes them", () => {
    const olds = state({ ...withStranger, existingChatId: chatId, adopted: true });
    const news = inputs({ ...twoDeclared, existingChatId: chatId });
    const r = diffChat(olds, news);
    expect(r.changes).toBe(false);
    expect(r.warnings).toEqual([
      `adopted chat ${chatId} has 1 member(s) the program does not declare: Jacob (${jacob}). They stay; undeclaredMembers: "remove" removes them, "keep" keeps them without this warning, or declare them in members`,
    ]);
    expect(diffChat(olds, { ...news, undeclaredMembers: "keep" }).warnings).toBeUndefined();
    const removing = diffChat(olds, { ...news, undeclaredMembers: "remove" });
    expect(removing).toMatchObject({ changes: true, replaces: [] });
    expect(removing.warnings).toEqual([
      `adopted chat ${chatId}: the update removes member Jacob (${jacob}) (undeclaredMembers: "remove")`,
    ]);
  });

  it("an adopted chat's review waits for values a preview does not know yet", () => {
    const olds = state({ existingChatId: chatId, adopted: true });
    const r = diffChat(olds, inputs({ existingChatId: chatId, topic: UNKNOWN }));
    expect(r.changes).toBe(true);
    expect(r.warnings).toBeUndefined();
  });
});
