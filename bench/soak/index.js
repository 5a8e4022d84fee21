// The soak test's program (npm run soak, scripts/soak.ts): exactly soak:count resources in a repeating
// mix: group chats of three (the signed-in user and two others), a message in each, an app installed in
// every second one, and a one-on-one chat with the signed-in user every third step while partners last
// (Graph keeps one chat per pair). Topics and bodies carry the number, so each object can be told apart.
// soak:round 2 changes them in place: every second group chat's topic, every third one's roster (one
// member swapped: an add and a remove), every second message's body (an edit).
const pulumi = require("@pulumi/pulumi");
const { Chat, ChatAppInstallation, ChatMessage } = require("pulumi-msteams");

const config = new pulumi.Config("soak");
const count = Number(config.require("count"));
const round2 = config.get("round") === "2";
const ADELE = "8b081ef6-4792-4def-b2c9-c363a1bf41d5"; // the signed-in user
const OTHERS = [
  "82af01c5-f7cc-4a2e-a728-3a5df21afd9d",
  "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca",
  "82fe7758-5bb3-4f0d-a43f-e555fd399c6f",
  "3626a173-f2bc-4883-bcf7-01514c3bfb82",
  "4b822dfc-2864-44e6-aa1e-7e0e8552168f",
  "6d1e1501-7a3d-45b7-b71b-68d372e5ce14",
  "5e2f7a1c-3b4d-4e6f-8a9b-0c1d2e3f4a5b",
  "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
];
const POLLS = "05F59CEC-A742-4A50-A62E-202A57E478A4";

let made = 0;
const add = (make) => {
  if (made >= count) return undefined;
  made++;
  return make();
};
for (let g = 1, pairs = 0; made < count; g++) {
  const third = round2 && g % 3 === 0 ? OTHERS[(g + 5) % 8] : OTHERS[(g + 3) % 8];
  const members = [ADELE, OTHERS[g % 8], third].map((user) => ({ user }));
  const topic = round2 && g % 2 === 0 ? `Soak ${g} (renamed)` : `Soak ${g}`;
  const chat = add(() => new Chat(`group-${g}`, { chatType: "group", topic, members }));
  const content = round2 && g % 2 === 1 ? `Hello ${g} (edited)` : `Hello ${g}`;
  add(() => new ChatMessage(`hello-${g}`, { chatId: chat.id, body: { content } }));
  if (g % 2 === 0) add(() => new ChatAppInstallation(`polls-${g}`, { chatId: chat.id, teamsAppId: POLLS }));
  if (g % 3 === 0 && pairs < OTHERS.length) {
    const other = OTHERS[pairs++];
    add(() => new Chat(`dm-${pairs}`, { chatType: "oneOnOne", members: [{ user: ADELE }, { user: other }] }));
  }
}
