// The scale benchmark's program (npm run bench): bench:count group chats of three members, each with one
// message, sent as the signed-in user. scripts/baseline.ts does the same work imperatively.
const pulumi = require("@pulumi/pulumi");
const { Chat, ChatMessage } = require("pulumi-msteams");

const cfg = new pulumi.Config("bench");
const count = Number(cfg.require("count"));
const members = cfg.require("members").split(",");
for (let i = 1; i <= count; i++) {
  const chat = new Chat(`chat-${i}`, {
    chatType: "group",
    topic: `Bench ${i}`,
    members: members.map((user) => ({ user })),
  });
  new ChatMessage(`hello-${i}`, { chatId: chat.id, body: { content: `Hello ${i}` } });
}
