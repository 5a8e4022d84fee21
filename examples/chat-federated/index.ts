import { Chat } from "pulumi-msteams";

const chat = new Chat("federated", {
  chatType: "oneOnOne",
  members: [
    { user: "8b081ef6-4792-4def-b2c9-c363a1bf41d5" },
    // Users of another tenant are owners and name their tenant.
    { user: "bfb5bb25-3a8d-487d-9828-7875ced51a30", tenantId: "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1" },
  ],
});

export const chatId = chat.id;
