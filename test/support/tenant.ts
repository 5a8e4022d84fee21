// Ids of the emulator's default seed (emulator/seed/default.yaml), named after Microsoft's doc examples.
export const HOME_TENANT = "2432b57b-0abd-43db-aa7b-16eadd115d34";
export const FEDERATED_TENANT = "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1";
export const APP = { clientId: "5a3e7c61-0b1f-4b5e-9c2d-6f0e8a4b7d21", secret: "emulator-secret" };
export const LIMITED_APP = { clientId: "0f8e2c4a-6b1d-4c3e-9a7f-2d5b8e1c4a60", secret: "limited-secret" };
export const USERS = {
  adele: "8b081ef6-4792-4def-b2c9-c363a1bf41d5",
  u82af: "82af01c5-f7cc-4a2e-a728-3a5df21afd9d",
  u8c0a: "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca",
  u82fe: "82fe7758-5bb3-4f0d-a43f-e555fd399c6f",
  u3626: "3626a173-f2bc-4883-bcf7-01514c3bfb82",
  u4b82: "4b822dfc-2864-44e6-aa1e-7e0e8552168f",
  u6d1e: "6d1e1501-7a3d-45b7-b71b-68d372e5ce14",
  guest: "8ba98af6-7fc2-4eb2-a7f2-aef9f21fd98a",
  federated: "bfb5bb25-3a8d-487d-9828-7875ced51a30",
} as const;
export const APPS = {
  plain: "05F59CEC-A742-4A50-A62E-202A57E478A4",
  rsc: "8e55a7b1-6766-4f0a-8610-ecacfe3d569a",
} as const;
