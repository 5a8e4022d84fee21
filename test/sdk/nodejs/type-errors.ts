// Mistakes the generated Node.js SDK's types must refuse (type-checked with index.ts, never run): each
// `@ts-expect-error` fails the check if the SDK stopped catching that mistake.
import * as msteams from "@pulumi-msteams/msteams";

export function mistakes(): void {
  new msteams.Chat("bad-type", {
    // @ts-expect-error chatType is an enum, not any string
    chatType: "triangle",
    members: [],
  });
  // @ts-expect-error members is required
  new msteams.Chat("no-members", { chatType: "group" });
  new msteams.ChatMessage("bad-body", {
    chatId: "19:x@thread.v2",
    // @ts-expect-error a body is { contentType, content }, not a string
    body: "Hello",
  });
  new msteams.ChatAppInstallation("bad-key", {
    chatId: "19:x@thread.v2",
    teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4",
    // @ts-expect-error unknown input
    appId: "x",
  });
  const chat = new msteams.Chat("ok", { chatType: "oneOnOne", members: [{ user: "a" }, { user: "b" }] });
  // @ts-expect-error outputs are Outputs, not plain strings
  const topic: string = chat.topic;
  void topic;
}
