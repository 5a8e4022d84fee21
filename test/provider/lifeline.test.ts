// The provider's lifeline (provider/lifeline.ts): once the engine that started the provider process is
// gone, not one more Graph request leaves. Here the "engine" is a TCP server of the test: a connection it
// drops while it still listens is simply opened again; once it stops listening, the gate shuts.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, expect, it } from "vitest";
import { engineAddress, engineGone, watchEngine } from "../../provider/lifeline";
import { callFor, graphRequests, useProviderEmulator } from "../support/provider";
import { USERS } from "../support/tenant";

const emulator = useProviderEmulator();
const sockets = new Set<Socket>();
let engine: Server;
afterAll(() => engine?.close());

const listen = () =>
  new Promise<number>((resolve) => {
    engine = createServer((s) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    engine.listen(0, "127.0.0.1", () => resolve((engine.address() as { port: number }).port));
  });
const until = async (what: () => boolean) => {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 10));
};

it("finds the engine's address only in a dynamic-provider process", () => {
  const script = "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
  expect(engineAddress(["node", script, "127.0.0.1:4321"])).toEqual({ host: "127.0.0.1", port: 4321 });
  expect(engineAddress(["node", "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider", "[::1]:9"])).toEqual({
    host: "::1",
    port: 9,
  });
  expect(engineAddress(["node", "vitest.mjs", "127.0.0.1:4321"])).toBeUndefined();
  expect(engineAddress(["node", script])).toBeUndefined();
});

it("a dropped connection is not death; a refused one is, and then nothing is sent to Graph", async () => {
  const port = await listen();
  const heard: string[] = [];
  watchEngine({ host: "127.0.0.1", port }, (why) => heard.push(why));
  await until(() => sockets.size === 1);
  // The engine drops the connection but still listens: the lifeline connects again.
  for (const s of sockets) s.destroy();
  await until(() => sockets.size === 1);
  expect(sockets.size).toBe(1);
  expect(engineGone()).toBeUndefined();

  // Alive: a create goes out.
  const chat = callFor("Chat");
  const oneOnOne = {
    chatType: "oneOnOne",
    members: [USERS.adele, USERS.u82af].map((user) => ({ user, roles: ["owner"] })),
    __provider: "serialized-shim",
  };
  await chat("create", oneOnOne);
  expect(graphRequests(emulator()).length).toBe(1);

  // The engine dies: its listener and connections close.
  engine.close();
  for (const s of sockets) s.destroy();
  await until(() => heard.length > 0);
  expect(heard).toEqual([`the Pulumi engine that started this provider (127.0.0.1:${port}) is gone`]);
  expect(engineGone()).toBe(heard[0]);
  emulator().clearRequests();
  await expect(chat("create", oneOnOne)).rejects.toThrow(
    /not sending POST \/v1\.0\/chats: the Pulumi engine/,
  );
  expect(graphRequests(emulator())).toEqual([]);
});
