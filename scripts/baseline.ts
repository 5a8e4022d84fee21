// The imperative baseline a user would otherwise write: Microsoft's Graph client
// (@microsoft/microsoft-graph-client, its default middleware chain: auth → retry honouring Retry-After →
// redirect → transport) creating N group chats with one message each, 10 at a time. `npm run bench`
// runs it beside the engine for the same work and the same token.
//
//   GRAPH_ACCESS_TOKEN=<delegated token> node dist/scripts/baseline.js create --url https://host:port
//     --members <id,id,…> [--count 10] [--concurrency 10] [--ca ca.pem] [--ids ids.json]
//   … read|delete --url … --ids ids.json
//
// The token comes from the environment, never the command line. The Graph client attaches it only to
// https:// URLs (its AuthenticationHandler checks for https and the `customHosts` it is given), so
// the URL must be https; `--ca` names the PEM of a CA to trust (node's NODE_EXTRA_CA_CERTS, set for a
// child process of this script, since Node reads it only at start-up). Prints one JSON line.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Client } from "@microsoft/microsoft-graph-client";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string" },
    members: { type: "string" },
    count: { type: "string", default: "10" },
    concurrency: { type: "string", default: "10" },
    ca: { type: "string" },
    ids: { type: "string" },
  },
});

/** Runs `work` on every item, at most `limit` at a time (what a script would do with a small pool). */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function client(url: URL, token: string): Client {
  return Client.initWithMiddleware({
    baseUrl: url.origin,
    defaultVersion: "v1.0",
    customHosts: new Set([url.hostname]),
    authProvider: { getAccessToken: async () => token },
  });
}

async function main(): Promise<void> {
  const op = positionals[0];
  if (!["create", "read", "delete"].includes(op ?? "") || !values.url)
    throw new Error(
      "usage: baseline.js <create|read|delete> --url https://… [--members a,b,c] [--count N] [--ids file]",
    );
  // The CA must be known before the first TLS connection: start again as a child that has it.
  if (values.ca && process.env["NODE_EXTRA_CA_CERTS"] !== values.ca) {
    const r = spawnSync(process.execPath, process.argv.slice(1), {
      stdio: "inherit",
      env: { ...process.env, NODE_EXTRA_CA_CERTS: values.ca },
    });
    process.exit(r.status ?? 1);
  }
  const url = new URL(values.url);
  if (url.protocol !== "https:")
    throw new Error(`--url must be https:// (the Graph client sends no token to ${url.protocol} URLs)`);
  const token = process.env["GRAPH_ACCESS_TOKEN"];
  if (!token) throw new Error("set GRAPH_ACCESS_TOKEN (a delegated token: messages need ChatMessage.Send)");
  const graph = client(url, token);
  const limit = Number(values.concurrency);
  const started = Date.now();
  if (op === "create") {
    const members = (values.members ?? "").split(",").filter(Boolean);
    if (members.length < 2)
      throw new Error("--members needs at least two user ids (the signed-in user among them)");
    const ids = await pool(Array.from({ length: Number(values.count) }), limit, async (_, i) => {
      const chat = (await graph.api("/chats").post({
        chatType: "group",
        topic: `Baseline ${i + 1}`,
        members: members.map((m) => ({
          "@odata.type": "#microsoft.graph.aadUserConversationMember",
          roles: ["owner"],
          "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${m}')`,
        })),
      })) as { id: string };
      await graph
        .api(`/chats/${encodeURIComponent(chat.id)}/messages`)
        .post({ body: { content: "Welcome" } });
      return chat.id;
    });
    if (values.ids) writeFileSync(values.ids, JSON.stringify(ids));
    console.log(JSON.stringify({ op, chats: ids.length, messages: ids.length, ms: Date.now() - started }));
    return;
  }
  if (!values.ids) throw new Error(`${op} needs --ids (the file create wrote)`);
  const ids = JSON.parse(readFileSync(values.ids, "utf8")) as string[];
  await pool(ids, limit, async (id) => {
    const path = `/chats/${encodeURIComponent(id)}`;
    if (op === "read") await graph.api(path).get();
    else await graph.api(path).delete();
  });
  console.log(JSON.stringify({ op, chats: ids.length, ms: Date.now() - started }));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
