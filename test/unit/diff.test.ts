import { describe, expect, it } from "vitest";
import { diffChat } from "../../provider/chat/diff";
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
