// Invalid on purpose: a topic on a one-on-one chat.
const { Chat } = require("pulumi-msteams");

new Chat("bad", {
  chatType: "oneOnOne",
  topic: "Hello",
  members: [
    { user: "8b081ef6-4792-4def-b2c9-c363a1bf41d5" },
    { user: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d" },
  ],
});
