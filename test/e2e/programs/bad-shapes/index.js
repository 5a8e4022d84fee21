// Invalid on purpose: wrong shapes where lists are expected (a null member, a null app, a null mention)
// and an impossible date. `check` must answer each with a failure on its property, never crash.
// Config e2e:resource picks the resource (the engine stops at the first resource that fails check).
const pulumi = require("@pulumi/pulumi");
const { Chat, ChatMessage } = require("pulumi-msteams");

const resource = new pulumi.Config("e2e").get("resource") ?? "chat";

if (resource === "chat")
  new Chat("nulls", {
    chatType: "group",
    topic: "Launch",
    members: [
      null,
      { user: "8b081ef6-4792-4def-b2c9-c363a1bf41d5" },
      { user: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d", visibleHistoryStartDateTime: "2026-02-30T00:00:00Z" },
    ],
    installedApps: [null],
  });

if (resource === "message")
  new ChatMessage("null-mention", {
    chatId: "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2",
    body: { contentType: "html", content: 'Hi <at id="0">Adele</at>' },
    mentions: [null],
  });
