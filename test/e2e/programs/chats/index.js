// A group chat and a one-on-one chat. Config e2e:topic and e2e:groupType vary the group chat.
const pulumi = require("@pulumi/pulumi");
const { Chat } = require("pulumi-msteams");

const cfg = new pulumi.Config("e2e");
const groupType = cfg.get("groupType") ?? "group";
const group = new Chat("team", {
  chatType: groupType,
  ...(groupType === "group" ? { topic: cfg.get("topic") ?? "E2E team" } : {}),
  members: [
    { user: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca" },
    { user: "82fe7758-5bb3-4f0d-a43f-e555fd399c6f" },
    ...(groupType === "group" ? [{ user: "3626a173-f2bc-4883-bcf7-01514c3bfb82" }] : []),
  ],
});
const dm = new Chat("dm", {
  chatType: "oneOnOne",
  members: [
    { user: "8b081ef6-4792-4def-b2c9-c363a1bf41d5" },
    { user: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d" },
  ],
});

exports.teamId = group.id;
exports.teamTopic = group.topic;
exports.dmId = dm.id;
exports.dmAdopted = dm.adopted;
