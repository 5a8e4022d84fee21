// The plugin's gRPC front end, spoken to as the engine speaks to it (Pulumi's ResourceProvider service
// over a real gRPC connection), against the emulator: schema, configuration checks, check and detailed
// diff, create and read, and the engine's Cancel stopping an operation that waits on Graph.
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineAddress, listen, resourceKind } from "../../plugin/src/server";
import { useEmulatorFor } from "../support/emulator";
import { APP, APPS, HOME_TENANT, USERS } from "../support/tenant";

const schema = require("../../schema/schema.json") as {
  version: string;
  config: { variables: Record<string, unknown> };
  provider: { inputProperties: Record<string, unknown> };
};

// Chat creation with an app waits for Graph's async operation: long enough here that only Cancel ends it.
const emulator = useEmulatorFor({ asyncOperationMs: 600_000 });

let server: grpc.Server;
let client: ResourceProviderClient;

beforeAll(async () => {
  const l = await listen({ version: "0.1.0", schema: JSON.stringify(schema), engineAddress: undefined });
  server = l.server;
  client = new ResourceProviderClient(`127.0.0.1:${l.port}`, grpc.credentials.createInsecure());
});
afterAll(() => {
  client?.close();
  server?.forceShutdown();
});

/** One unary call, as a promise. */
function rpc<Res>(method: string, req: unknown): Promise<Res> {
  return new Promise((resolve, reject) =>
    (client as any)[method](req, (e: grpc.ServiceError | null, r: Res) => (e ? reject(e) : resolve(r))),
  );
}

const config = () => ({
  graphUrl: emulator().url,
  graphAudience: "https://graph.microsoft.com",
  authorityHost: emulator().url,
  tenantId: HOME_TENANT,
  clientId: APP.clientId,
  clientSecret: APP.secret,
  pollInitialDelayMs: 100,
});
const URN = (type: string, name: string) => `urn:pulumi:test::plugin::msteams:index:${type}::${name}`;
const group = {
  chatType: "group",
  topic: "Over gRPC",
  members: [{ user: USERS.u82af }, { user: USERS.u8c0a }, { user: USERS.u82fe }],
};

async function configure(): Promise<void> {
  const req = new proto.ConfigureRequest().setArgs(Struct.fromJavaScript(config())).setAcceptsecrets(true);
  const res = await rpc<proto.ConfigureResponse>("configure", req);
  expect(res.getAcceptsecrets()).toBe(false);
}

describe("the schema and the configuration", () => {
  it("GetSchema returns schema/schema.json, whose provider inputs are the config keys, secrets marked", async () => {
    const res = await rpc<proto.GetSchemaResponse>("getSchema", new proto.GetSchemaRequest());
    expect(JSON.parse(res.getSchema())).toEqual(schema);
    expect(schema.provider.inputProperties).toEqual(schema.config.variables);
    const secrets = Object.entries(schema.provider.inputProperties)
      .filter(([, v]) => (v as { secret?: boolean }).secret)
      .map(([k]) => k);
    expect(secrets.sort()).toEqual(["clientSecret", "password"]);
  });

  it("the plugin, the provider package and the schema have one version", () => {
    const plugin = require("../../plugin/package.json") as { version: string };
    const provider = require("../../provider/package.json") as { version: string };
    expect([plugin.version, provider.version]).toEqual([schema.version, schema.version]);
  });

  it("CheckConfig reports a configuration that cannot sign in, and marks the secrets of one that can", async () => {
    const bad = new proto.CheckRequest().setNews(Struct.fromJavaScript({ graphUrl: emulator().url }));
    const failures = (await rpc<proto.CheckResponse>("checkConfig", bad)).getFailuresList();
    expect(failures.map((f) => f.getReason()).join("\n")).toContain("msteams:graphAudience");

    const typo = new proto.CheckRequest().setNews(
      Struct.fromJavaScript({ ...config(), tenantID: HOME_TENANT }),
    );
    const typoFailures = (await rpc<proto.CheckResponse>("checkConfig", typo)).getFailuresList();
    expect(typoFailures.map((f) => [f.getProperty(), f.getReason().split(";")[0]])).toEqual([
      ["tenantID", "'tenantID' is not an input of the msteams provider"],
    ]);

    const good = new proto.CheckRequest().setNews(Struct.fromJavaScript({ ...config(), version: "0.1.0" }));
    const res = await rpc<proto.CheckResponse>("checkConfig", good);
    expect(res.getFailuresList()).toEqual([]);
    expect(res.getInputs()!.toJavaScript()["clientSecret"]).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: APP.secret,
    });
  });
});

describe("resource operations", () => {
  it("Check validates inputs with the resource's own rules", async () => {
    await configure();
    const req = new proto.CheckRequest()
      .setUrn(URN("Chat", "c"))
      .setType("msteams:index:Chat")
      .setNews(Struct.fromJavaScript({ ...group, topic: "x".repeat(300) }));
    const failures = (await rpc<proto.CheckResponse>("check", req)).getFailuresList();
    expect(failures.map((f) => f.getProperty())).toEqual(["topic"]);
  });

  it("Create, Read and a Diff that lists each property, its kind and whether it replaces", async () => {
    await configure();
    emulator().clearRequests();
    const created = await rpc<proto.CreateResponse>(
      "create",
      new proto.CreateRequest().setUrn(URN("Chat", "c")).setProperties(Struct.fromJavaScript(group)),
    );
    const id = created.getId();
    expect(emulator().store.state.chats.map((c) => c.id)).toEqual([id]);
    const outs = created.getProperties()!.toJavaScript();

    const read = await rpc<proto.ReadResponse>(
      "read",
      new proto.ReadRequest().setId(id).setUrn(URN("Chat", "c")).setProperties(new Struct()),
    );
    expect(read.getId()).toBe(id);
    expect(read.getInputs()!.toJavaScript()).toMatchObject({ chatType: "group", topic: "Over gRPC" });

    const diff = await rpc<proto.DiffResponse>(
      "diff",
      new proto.DiffRequest()
        .setId(id)
        .setUrn(URN("Chat", "c"))
        .setOlds(Struct.fromJavaScript(outs))
        .setNews(Struct.fromJavaScript({ ...group, chatType: "oneOnOne", topic: "Renamed" })),
    );
    expect(diff.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(diff.getHasdetaileddiff()).toBe(true);
    expect(diff.getReplacesList()).toEqual(["chatType"]);
    const kinds: Record<string, number> = {};
    diff.getDetaileddiffMap().forEach((d, k) => {
      kinds[k] = d.getKind();
    });
    const K = proto.PropertyDiff.Kind;
    expect(kinds).toEqual({ chatType: K.UPDATE_REPLACE, topic: K.UPDATE });
    expect(diff.getDiffsList().sort()).toEqual(["chatType", "topic"]);

    const same = await rpc<proto.DiffResponse>(
      "diff",
      new proto.DiffRequest()
        .setId(id)
        .setUrn(URN("Chat", "c"))
        .setOlds(Struct.fromJavaScript(outs))
        .setNews(Struct.fromJavaScript(group)),
    );
    expect(same.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_NONE);
    expect(same.getDetaileddiffMap().getLength()).toBe(0);
  });

  it("a create that failed after Graph made the chat reports its id and outputs, so the engine keeps it", async () => {
    const req = new proto.ConfigureRequest().setArgs(Struct.fromJavaScript({ ...config(), maxRetries: 0 }));
    await rpc<proto.ConfigureResponse>("configure", req);
    // The chat is created (202), then every poll of its operation fails.
    emulator().faults.add({ method: "GET", path: "/operations/", kind: "status", status: 500, times: 100 });
    const err = (await rpc<proto.CreateResponse>(
      "create",
      new proto.CreateRequest()
        .setUrn(URN("Chat", "partial"))
        .setProperties(Struct.fromJavaScript({ ...group, installedApps: [{ teamsAppId: APPS.plain }] })),
    ).catch((e: grpc.ServiceError) => e)) as grpc.ServiceError;
    const chats = emulator().store.state.chats;
    expect(chats).toHaveLength(1);
    const bin = err.metadata.get("grpc-status-details-bin")[0] as Buffer;
    const detail = Status.deserializeBinary(new Uint8Array(bin))
      .getDetailsList()[0]!
      .unpack(proto.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed")!;
    expect(detail.getId()).toBe(chats[0]!.id);
    expect(detail.getProperties()!.toJavaScript()).toMatchObject({ chatType: "group", topic: "Over gRPC" });
    expect(detail.getReasonsList().join()).toContain("500");
  });

  it("Cancel ends an operation waiting on Graph, and no request is sent after it", async () => {
    await configure();
    emulator().clearRequests();
    const creating = rpc<proto.CreateResponse>(
      "create",
      new proto.CreateRequest()
        .setUrn(URN("Chat", "withApp"))
        .setProperties(Struct.fromJavaScript({ ...group, installedApps: [{ teamsAppId: APPS.plain }] })),
    ).catch((e: grpc.ServiceError) => e);
    // The chat's POST answered 202: the create now polls the operation, which will not finish by itself.
    while (
      !emulator()
        .requests()
        .some((r) => r.method === "GET" && r.path.includes("/operations/"))
    )
      await new Promise((r) => setTimeout(r, 20));
    await rpc<Empty>("cancel", new Empty());
    const sentAtCancel = emulator().requests().length;
    const err = (await creating) as grpc.ServiceError;
    expect(err.details).toContain("cancelled");
    // Several poll intervals later, the poller has not sent anything more.
    await new Promise((r) => setTimeout(r, 1000));
    expect(emulator().requests().length).toBe(sentAtCancel);
  });
});

describe("the pieces", () => {
  it("resourceKind takes the type, or the URN's type when the engine sends none", () => {
    expect(resourceKind("msteams:index:ChatMessage", "")).toBe("ChatMessage");
    expect(resourceKind("", "urn:pulumi:s::p::parent$msteams:index:Chat::n")).toBe("Chat");
    expect(() => resourceKind("aws:s3:Bucket", "")).toThrow(/unknown resource type/);
  });

  it("engineAddress skips the flags the engine passes to plugins", () => {
    expect(engineAddress(["--logtostderr", "-v=9", "--tracing", "http://t", "127.0.0.1:4321"])).toBe(
      "127.0.0.1:4321",
    );
    expect(engineAddress([])).toBeUndefined();
  });
});
