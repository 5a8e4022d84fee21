// The bench's state-size figure (scripts/state-size.ts): bytes per resource of a stack export, and the
// Pulumi YAML twin of bench/program that the plugin front end deploys.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { benchYaml, bytesPerResource } from "../../scripts/state-size";

describe("bytesPerResource", () => {
  const chat = (id: string) => ({ type: "msteams:index:Chat", id });
  it("averages the compact JSON length of the resources of one kind, whichever front end", () => {
    const a = chat("a");
    const b = { type: "pulumi-nodejs:dynamic/msteams:Chat", id: "bbbbbb" };
    const lengths = [JSON.stringify(a).length, JSON.stringify(b).length];
    expect(bytesPerResource([a, b], "Chat")).toBe(Math.round((lengths[0]! + lengths[1]!) / 2));
  });
  it("does not count a kind whose name only starts the same (Chat against ChatMessage)", () => {
    const message = { type: "msteams:index:ChatMessage", id: "m" };
    expect(bytesPerResource([chat("a"), message], "Chat")).toBe(JSON.stringify(chat("a")).length);
    expect(bytesPerResource([chat("a"), message], "ChatMessage")).toBe(JSON.stringify(message).length);
  });
  it("is 0 when there is no resource of the kind", () => {
    expect(bytesPerResource([chat("a")], "ChatAppInstallation")).toBe(0);
  });
});

describe("benchYaml", () => {
  it("declares count chats of the members, each with one message in it, as bench/program does", () => {
    const doc = parse(benchYaml(2, ["u1", "u2"])) as {
      resources: Record<string, { type: string; properties: Record<string, unknown> }>;
    };
    expect(Object.keys(doc.resources)).toEqual(["chat-1", "hello-1", "chat-2", "hello-2"]);
    expect(doc.resources["chat-2"]).toEqual({
      type: "msteams:index:Chat",
      properties: { chatType: "group", topic: "Bench 2", members: [{ user: "u1" }, { user: "u2" }] },
    });
    expect(doc.resources["hello-2"]).toEqual({
      type: "msteams:index:ChatMessage",
      properties: { chatId: `\${chat-2.id}`, body: { content: "Hello 2" } },
    });
  });
});
