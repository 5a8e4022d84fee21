// Microsoft's own Graph client (@microsoft/microsoft-graph-client), with Microsoft's own credential
// (@azure/identity through the client's TokenCredentialAuthenticationProvider), pointed at the emulator.
// What changes from a real tenant: baseUrl, the client's customHosts option (it attaches the token only to
// Graph's own hosts or the hosts listed there), and the credential's authorityHost. Everything else is what a user's code against Graph sends.
import { UsernamePasswordCredential } from "@azure/identity";
import { Client, ResponseType } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { describe, expect, it } from "vitest";
import { APP, APPS, HOME_TENANT, USERS, useEmulator } from "./helpers";

const { emu } = useEmulator({ asyncOperationMs: 300 });

function graphClient(): Client {
  const credential = new UsernamePasswordCredential(
    HOME_TENANT,
    APP.clientId,
    "adele@contoso.com",
    "emulator",
    {
      authorityHost: emu().url,
      disableInstanceDiscovery: true,
    },
  );
  return Client.initWithMiddleware({
    baseUrl: emu().url,
    customHosts: new Set([new URL(emu().url).hostname]),
    authProvider: new TokenCredentialAuthenticationProvider(credential, {
      scopes: ["https://graph.microsoft.com/.default"],
    }),
  });
}

const member = (user: string) => ({
  "@odata.type": "#microsoft.graph.aadUserConversationMember",
  roles: ["owner"],
  "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${user}')`,
});

describe("@microsoft/microsoft-graph-client against the emulator", () => {
  it("create chat, get chat, send message: Graph's answers", async () => {
    const client = graphClient();
    const chat = await client.api("/chats").post({
      chatType: "group",
      topic: "Graph client",
      members: [member(USERS.adele), member(USERS.u82af), member(USERS.u8c0a)],
    });
    expect(chat).toMatchObject({
      "@odata.context": expect.stringContaining("$metadata#chats"),
      chatType: "group",
      topic: "Graph client",
    });
    const read = await client.api(`/chats/${chat.id}`).expand("members").get();
    expect(read).toMatchObject({ id: chat.id, topic: "Graph client" });
    expect(read.members).toHaveLength(3);
    const message = await client
      .api(`/chats/${chat.id}/messages`)
      .post({ body: { content: "Hello from the Graph client" } });
    expect(message).toMatchObject({
      chatId: chat.id,
      messageType: "message",
      body: { contentType: "text", content: "Hello from the Graph client" },
      from: { user: { id: USERS.adele } },
    });
    const tokenRequests = emu()
      .requests()
      .filter((r) => r.kind === "token");
    expect(tokenRequests.map((r) => r.status)).toEqual([200]); // one token for all of it
  });

  it("create chat with an app: 202 with Location, then the teamsAsyncOperation polled to succeeded", async () => {
    const client = graphClient();
    const raw = (await client
      .api("/chats")
      .responseType(ResponseType.RAW)
      .post({
        chatType: "oneOnOne",
        members: [member(USERS.adele), member(USERS.u82af)],
        installedApps: [
          { "teamsApp@odata.bind": `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${APPS.plain}` },
        ],
      })) as Response;
    expect(raw.status).toBe(202);
    const location = raw.headers.get("location")!;
    expect(location).toMatch(/^\/chats\('19:[^']+'\)\/operations\('[^']+'\)$/);
    let op: { status: string; operationType: string; targetResourceId: string } | undefined;
    for (let i = 0; i < 40; i++) {
      op = await client.api(location).get();
      if (op?.status === "succeeded" || op?.status === "failed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(op).toMatchObject({ status: "succeeded" });
    const apps = await client.api(`/chats/${op!.targetResourceId}/installedApps`).expand("teamsApp").get();
    expect(apps.value.map((a: { teamsApp: { id: string } }) => a.teamsApp.id)).toEqual([APPS.plain]);
  });
});
