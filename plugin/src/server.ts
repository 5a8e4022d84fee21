// The msteams resource provider plugin: Pulumi's ResourceProvider gRPC service in front of the same
// resource implementations the dynamic resources use (pulumi-msteams/runtime). One process serves one
// provider instance (the engine starts a plugin process per provider resource), so the process's one
// ProviderRuntime is that instance's configuration, credential and token cache.
// The protocol: https://www.pulumi.com/docs/iac/guides/building-extending/providers/implementers/protocol-reference/
//
// Why not @pulumi/pulumi's own `provider.main` (provider/server.js): its Configure hands the provider no
// configuration at all, CheckConfig and DiffConfig answer UNIMPLEMENTED, and Diff sends no detailed diff
// (no per-property kinds, so no replace reason per property). It is used here only for its generated
// protocol stubs.
import { AsyncLocalStorage } from "node:async_hooks";
import * as grpc from "@grpc/grpc-js";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { changedInputs, configVariables, ProviderRuntime } from "pulumi-msteams/runtime";
import { fromStruct, type Props, secret, toStruct } from "./values";

type Call<Req> = grpc.ServerUnaryCall<Req, unknown>;
type Reply<Res> = grpc.sendUnaryData<Res>;

/** The value the engine sends for what a preview does not know yet (rpc.go UnknownStringValue). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const Kind = provproto.PropertyDiff.Kind;

export interface PluginOptions {
  readonly version: string;
  readonly schema: string;
  /** The engine's address (the plugin's first argument): warnings go to its log. */
  readonly engineAddress: string | undefined;
}

/** The engine's address: the first argument that is not one of the flags the engine passes to plugins. */
export function engineAddress(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--tracing") i++;
    else if (!a.startsWith("-")) return a;
  }
  return undefined;
}

/** `msteams:index:Chat` → `Chat`: the name runtime.ts knows the resource by. */
export function resourceKind(type: string, urn: string): string {
  const token = type !== "" ? type : (urn.split("::")[2] ?? "").split("$").pop()!;
  const [pkg, , name] = token.split(":");
  if (pkg !== "msteams" || !name)
    throw new Error(`pulumi-resource-msteams: unknown resource type '${token}'`);
  return name;
}

/** A provider input (`graphUrl`) as the config key the settings are read by (`msteams:graphUrl`). */
function configGetter(inputs: Props): (key: string) => string | undefined {
  return (key) => {
    const v = inputs[key.replace(/^msteams:/, "")];
    if (v === undefined || v === null || v === UNKNOWN) return undefined;
    return typeof v === "string" ? v : JSON.stringify(v);
  };
}

/** The provider's inputs: the config keys without the `msteams:` prefix. */
const inputKeys = Object.values(configVariables as Record<string, { key: string }>).map((v) =>
  v.key.replace(/^msteams:/, ""),
);
/** What the engine itself may put among a provider's inputs. */
const engineKeys = ["version", "pluginDownloadURL"];

const secretKeys = Object.values(configVariables as Record<string, { key: string; secret?: boolean }>)
  .filter((v) => v.secret === true)
  .map((v) => v.key.replace(/^msteams:/, ""));

/**
 * The detailed diff: every changed input, whether it is added, deleted or updated, and whether it replaces
 * the object (the engine shows the replace reason per property from it).
 */
export function detailedDiff(
  olds: Props,
  news: Props,
  changed: readonly string[],
  replaces: readonly string[],
): [string, provproto.PropertyDiff][] {
  return changed.map((k) => {
    const replace = replaces.includes(k);
    const before = olds[k] === undefined || olds[k] === null;
    const after = news[k] === undefined || news[k] === null;
    const kind = before
      ? replace
        ? Kind.ADD_REPLACE
        : Kind.ADD
      : after
        ? replace
          ? Kind.DELETE_REPLACE
          : Kind.DELETE
        : replace
          ? Kind.UPDATE_REPLACE
          : Kind.UPDATE;
    const d = new provproto.PropertyDiff();
    d.setKind(kind);
    d.setInputdiff(true);
    return [k, d];
  });
}

/**
 * An operation's error for the engine. A partial failure (a create that left an object in Graph, an update
 * that stopped half-way; runtime.ts gives it an id and outputs) carries them, so the engine records the
 * object instead of orphaning it.
 */
function failure(thrown: unknown): Partial<grpc.StatusObject> {
  const e = (thrown instanceof Error ? thrown : new Error(String(thrown))) as Error & {
    id?: string;
    properties?: Props;
    reasons?: string[];
  };
  const metadata = new grpc.Metadata();
  if (e.id) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(e.id);
    detail.setProperties(toStruct(e.properties ?? {}));
    detail.setReasonsList(e.reasons ?? [e.message]);
    const any = new Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(e.message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: e.message, metadata };
}

export class MsteamsProvider {
  private readonly runtime: ProviderRuntime;
  private readonly engine: engrpc.EngineClient | undefined;
  /** The URN of the operation a warning belongs to. */
  private readonly current = new AsyncLocalStorage<string>();
  /** Rejects every operation in flight once the engine cancels. */
  private readonly cancelled: Promise<never>;
  private cancel!: (e: Error) => void;

  constructor(private readonly options: PluginOptions) {
    this.engine = options.engineAddress
      ? new engrpc.EngineClient(options.engineAddress, grpc.credentials.createInsecure())
      : undefined;
    this.runtime = new ProviderRuntime((m: string) => this.log(engproto.LogSeverity.WARNING, m));
    this.cancelled = new Promise<never>((_, reject) => {
      this.cancel = reject;
    });
    this.cancelled.catch(() => {});
  }

  /** A message in the engine's output, next to the resource it is about. */
  private log(severity: engproto.LogSeverity, message: string): void {
    if (!this.engine) {
      console.error(message);
      return;
    }
    const req = new engproto.LogRequest();
    req.setSeverity(severity);
    req.setMessage(message);
    req.setUrn(this.current.getStore() ?? "");
    this.engine.log(req, () => {});
  }

  /** One resource operation through the shared runtime, ended early by the engine's Cancel. */
  private op(urn: string, type: string, method: string, args: unknown[]): Promise<unknown> {
    const kind = resourceKind(type, urn);
    return this.current.run(urn, () =>
      Promise.race([this.runtime.dispatch(kind, method, args), this.cancelled]),
    );
  }

  /** The service implementation for grpc-js; methods it lacks answer UNIMPLEMENTED. */
  service(): grpc.UntypedServiceImplementation {
    const unary =
      <Req, Res>(f: (req: Req) => Promise<Res> | Res) =>
      (call: Call<Req>, reply: Reply<Res>) => {
        Promise.resolve()
          .then(() => f(call.request))
          .then(
            (res) => reply(null, res),
            (e) => reply(failure(e)),
          );
      };
    return {
      getPluginInfo: unary(() => new plugproto.PluginInfo().setVersion(this.options.version)),
      getSchema: unary((req: provproto.GetSchemaRequest) => {
        if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
        return new provproto.GetSchemaResponse().setSchema(this.options.schema);
      }),
      checkConfig: unary((req: provproto.CheckRequest) => this.checkConfig(req)),
      diffConfig: unary((req: provproto.DiffRequest) => this.diffConfig(req)),
      configure: unary((req: provproto.ConfigureRequest) => this.configure(req)),
      check: unary((req: provproto.CheckRequest) => this.check(req)),
      diff: unary((req: provproto.DiffRequest) => this.diff(req)),
      create: unary((req: provproto.CreateRequest) => this.create(req)),
      read: unary((req: provproto.ReadRequest) => this.read(req)),
      update: unary((req: provproto.UpdateRequest) => this.update(req)),
      delete: unary((req: provproto.DeleteRequest) => this.delete(req)),
      cancel: unary(() => {
        this.runtime.cancel();
        this.cancel(new Error("the operation was cancelled"));
        return new Empty();
      }),
    };
  }

  /** The provider's inputs (explicit `Provider` resource, or the stack's `msteams:*` config): validated here. */
  private checkConfig(req: provproto.CheckRequest): provproto.CheckResponse {
    const news = fromStruct(req.getNews());
    const res = new provproto.CheckResponse();
    const inputs: Props = { ...news };
    for (const k of secretKeys) if (inputs[k] !== undefined) inputs[k] = secret(inputs[k]);
    res.setInputs(toStruct(inputs));
    // A value a preview does not know yet cannot be checked; Configure sees it once it is known.
    if (Object.values(news).includes(UNKNOWN)) return res;
    const failures = Object.keys(news)
      .filter((k) => !inputKeys.includes(k) && !engineKeys.includes(k) && !k.startsWith("__"))
      .map((k) =>
        new provproto.CheckFailure()
          .setProperty(k)
          .setReason(`'${k}' is not an input of the msteams provider; they are: ${inputKeys.join(", ")}`),
      );
    const probe = new ProviderRuntime(() => {});
    probe.configure({ get: configGetter(news) });
    try {
      probe.settings();
    } catch (e) {
      if ((e as Error).name !== "ConfigError") throw e;
      failures.push(new provproto.CheckFailure().setProperty("").setReason((e as Error).message));
    }
    res.setFailuresList(failures);
    return res;
  }

  /** A provider whose configuration changed is updated in place: its resources are not replaced. */
  private diffConfig(req: provproto.DiffRequest): provproto.DiffResponse {
    const olds = fromStruct(req.getOldInputs() ?? req.getOlds());
    const news = fromStruct(req.getNews());
    const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
      (k) => k !== "version" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
    );
    const res = new provproto.DiffResponse();
    res.setChanges(
      changed.length > 0
        ? provproto.DiffResponse.DiffChanges.DIFF_SOME
        : provproto.DiffResponse.DiffChanges.DIFF_NONE,
    );
    res.setHasdetaileddiff(true);
    const diffs = res.getDetaileddiffMap();
    for (const [k, d] of detailedDiff(olds, news, changed, [])) diffs.set(k, d);
    res.setDiffsList(changed);
    return res;
  }

  private configure(req: provproto.ConfigureRequest): provproto.ConfigureResponse {
    const args = req.getArgs();
    let inputs: Props;
    if (args) inputs = fromStruct(args);
    else {
      // Older engines send flat `msteams:key` variables instead of args.
      inputs = {};
      for (const [k, v] of req.getVariablesMap().entries())
        inputs[String(k).replace(/^msteams:(config:)?/, "")] = v;
    }
    this.runtime.configure({ get: configGetter(inputs) });
    // Secrets arrive revealed and outputs are marked secret by the engine from their inputs: the
    // resources' inputs hold no secret, the credential is configuration only.
    return new provproto.ConfigureResponse()
      .setAcceptsecrets(false)
      .setAcceptresources(false)
      .setAcceptoutputs(false)
      .setSupportspreview(false);
  }

  private async check(req: provproto.CheckRequest): Promise<provproto.CheckResponse> {
    const r = (await this.op(req.getUrn(), req.getType(), "check", [
      fromStruct(req.getOlds()),
      fromStruct(req.getNews()),
    ])) as { inputs: Props; failures: { property: string; reason: string }[] };
    const res = new provproto.CheckResponse().setInputs(toStruct(r.inputs));
    res.setFailuresList(
      r.failures.map((f) => new provproto.CheckFailure().setProperty(f.property).setReason(f.reason)),
    );
    return res;
  }

  private async diff(req: provproto.DiffRequest): Promise<provproto.DiffResponse> {
    const olds = fromStruct(req.getOlds());
    const news = fromStruct(req.getNews());
    const r = (await this.op(req.getUrn(), req.getType(), "diff", [req.getId(), olds, news])) as {
      changes: boolean;
      replaces?: string[];
      deleteBeforeReplace?: boolean;
    };
    const changed = changedInputs(r);
    const replaces = r.replaces ?? [];
    const res = new provproto.DiffResponse();
    res.setChanges(
      r.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE,
    );
    res.setReplacesList(replaces);
    res.setDeletebeforereplace(r.deleteBeforeReplace ?? false);
    res.setDiffsList([...changed]);
    res.setHasdetaileddiff(true);
    const diffs = res.getDetaileddiffMap();
    for (const [k, d] of detailedDiff(olds, news, changed, replaces)) diffs.set(k, d);
    return res;
  }

  private async create(req: provproto.CreateRequest): Promise<provproto.CreateResponse> {
    const r = (await this.op(req.getUrn(), req.getType(), "create", [fromStruct(req.getProperties())])) as {
      id: string;
      outs: Props;
    };
    return new provproto.CreateResponse().setId(r.id).setProperties(toStruct(r.outs));
  }

  /** Refresh, and import (no state yet: the inputs returned become the imported resource's inputs). */
  private async read(req: provproto.ReadRequest): Promise<provproto.ReadResponse> {
    const r = (await this.op(req.getUrn(), req.getType(), "read", [
      req.getId(),
      fromStruct(req.getProperties()),
    ])) as { id: string; props?: Props; inputs?: Props };
    const res = new provproto.ReadResponse().setId(r.id);
    if (r.id !== "") {
      res.setProperties(toStruct(r.props ?? {}));
      if (r.inputs) res.setInputs(toStruct(r.inputs));
    }
    return res;
  }

  private async update(req: provproto.UpdateRequest): Promise<provproto.UpdateResponse> {
    const r = (await this.op(req.getUrn(), req.getType(), "update", [
      req.getId(),
      fromStruct(req.getOlds()),
      fromStruct(req.getNews()),
    ])) as { outs: Props };
    return new provproto.UpdateResponse().setProperties(toStruct(r.outs));
  }

  private async delete(req: provproto.DeleteRequest): Promise<Empty> {
    await this.op(req.getUrn(), req.getType(), "delete", [req.getId(), fromStruct(req.getProperties())]);
    return new Empty();
  }
}

/** Starts the gRPC server on a free loopback port (the engine reads the port from stdout; see main.ts). */
export async function listen(options: PluginOptions): Promise<{ port: number; server: grpc.Server }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, new MsteamsProvider(options).service());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { port, server };
}
