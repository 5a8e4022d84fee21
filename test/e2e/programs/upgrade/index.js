// A group chat registered as earlier builds did (e2e:provider=closure: a pulumi.dynamic.Resource whose
// provider is an object with one function, configure, serialized into state as a closure) or as this
// one does (the Chat class: a line of provider text). The same URN either way, so switching the
// config is an upgrade of the package under an existing stack. Config e2e:topic renames the chat.
const pulumi = require("@pulumi/pulumi");
const { Chat } = require("pulumi-msteams");

const cfg = new pulumi.Config("e2e");
const inputs = {
  chatType: "group",
  topic: cfg.get("topic") ?? "Upgrade",
  members: [
    { user: "8b081ef6-4792-4def-b2c9-c363a1bf41d5" },
    { user: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d" },
  ],
};

let chat;
if (cfg.get("provider") === "closure") {
  const configure = async function (req) {
    const rt = require("pulumi-msteams/runtime");
    rt.configure(req.config);
    for (const op of ["check", "diff", "create", "read", "update", "delete"])
      this[op] = (...args) => rt.dispatch(this.kind, op, args);
  };
  const outputNames = [
    "createdDateTime",
    "lastUpdatedDateTime",
    "tenantId",
    "webUrl",
    "adopted",
    "creationOperationId",
  ];
  const outputs = Object.fromEntries(outputNames.map((k) => [k, undefined]));
  const journal = { __journal: `${pulumi.getProject()}/${pulumi.getStack()}/team` };
  chat = new pulumi.dynamic.Resource(
    { kind: "Chat", configure },
    "team",
    { ...outputs, ...inputs, ...journal },
    undefined,
    "msteams",
    "Chat",
  );
} else {
  chat = new Chat("team", inputs);
}

exports.chatId = chat.id;
exports.topic = chat.topic;
