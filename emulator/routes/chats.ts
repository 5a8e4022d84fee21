import { Router } from "express";
import { badRequest, forbidden, notFound } from "../errors";
import { authorize } from "../permissions";
import { chatJson } from "../serialize";
import type { ChatRecord, InstallationRecord, OperationRecord } from "../state";
import { nowIso } from "../state";
import { type EmulatorStore, type MemberInput, membershipId } from "../store";
import type { Caller } from "../tokens";
import { checkConsent, installationRecord } from "./installedApps";
import { allowQuery, type Deps, locals, param } from "./util";

export function chatsRouter({ store }: Deps): Router {
  const r = Router();

  r.post("/chats", (req, res) => {
    allowQuery(req, [], "POST /chats");
    const { caller, version } = locals(res);
    authorize(caller, "createChat");
    const { chat, operation } = createChat(store, caller, req.body as Record<string, unknown>);
    store.save();
    if (operation) {
      res.status(202).location(`/chats('${chat.id}')/operations('${operation.id}')`).end();
      return;
    }
    res.status(201).json(chatJson(version, chat, false));
  });

  r.get("/chats/:chatId", (req, res) => {
    allowQuery(req, ["$expand"], "GET /chats/{id}");
    const expand = req.query["$expand"];
    if (expand !== undefined && expand !== "members")
      throw badRequest(
        `$expand='${String(expand)}' is not supported by the pulumi-msteams emulator here; use $expand=members.`,
      );
    const { caller, version } = locals(res);
    authorize(caller, "readChat");
    res.json(chatJson(version, store.chat(caller, param(req, "chatId")), expand === "members"));
  });

  r.patch("/chats/:chatId", (req, res) => {
    allowQuery(req, [], "PATCH /chats/{id}");
    const { caller, version } = locals(res);
    authorize(caller, "updateChat");
    const c = store.chat(caller, param(req, "chatId"));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const other = Object.keys(body).filter((k) => k !== "topic");
    if (other.length)
      throw badRequest(
        `Only 'topic' can be updated on a chat; got ${other.map((k) => `'${k}'`).join(", ")}.`,
      );
    if (c.chatType !== "group") throw badRequest("The topic can only be set on group chats.");
    c.topic = validTopic(body["topic"]);
    store.touch(c);
    store.save();
    res.json(chatJson(version, c, false));
  });

  r.delete("/chats/:chatId", (req, res) => {
    allowQuery(req, [], "DELETE /chats/{id}");
    const { caller } = locals(res);
    authorize(caller, "deleteChat");
    if (caller.kind === "delegated" && !store.dir.userById(caller.userId!)?.isTeamsAdmin) {
      throw forbidden(
        "Deleting chats with delegated permissions is only supported for tenant and Teams service administrators.",
      );
    }
    const c = store.state.chats.find((x) => x.id === param(req, "chatId") && !x.deletedDateTime);
    if (!c) throw notFound(`Chat '${param(req, "chatId")}' was not found.`);
    c.deletedDateTime = nowIso();
    store.save();
    res.status(204).end();
  });

  r.post("/chats/:chatId/hideForUser", (req, res) => {
    allowQuery(req, [], "POST /chats/{id}/hideForUser");
    const { caller } = locals(res);
    authorize(caller, "hideChat");
    const c = store.chat(caller, param(req, "chatId"));
    const user = (req.body as { user?: { id?: string } } | undefined)?.user?.id;
    if (!user) throw badRequest("The body needs user.id (and user.tenantId).");
    if (user.toLowerCase() !== caller.userId?.toLowerCase())
      throw forbidden("A user can only hide a chat for themselves.");
    if (!c.hiddenFor.includes(user)) c.hiddenFor.push(user);
    store.save();
    res.status(204).end();
  });

  return r;
}

export function validTopic(topic: unknown): string {
  if (typeof topic !== "string") throw badRequest("topic must be a string.");
  if (topic.length > 250)
    throw badRequest(`The chat topic is ${topic.length} characters long; the maximum is 250.`);
  if (topic.includes(":")) throw badRequest("The chat topic must not contain ':'.");
  return topic;
}

function createChat(
  store: EmulatorStore,
  caller: Caller,
  body: Record<string, unknown>,
): { chat: ChatRecord; operation?: OperationRecord } {
  const chatType = body["chatType"];
  if (chatType === undefined) throw badRequest("Property 'chatType' is required (oneOnOne or group).");
  if (chatType !== "oneOnOne" && chatType !== "group") {
    throw badRequest(
      `chatType '${String(chatType)}' cannot be created; use 'oneOnOne' or 'group' (meeting chats come from online meetings).`,
    );
  }
  const raw = body["members"];
  if (!Array.isArray(raw) || raw.length === 0)
    throw badRequest("Chat members cannot be null. (Parameter 'Members')");
  const members = (raw as MemberInput[]).map((m, i) => store.member("pending", m, i));
  if (new Set(members.map((m) => m.userId)).size !== members.length)
    throw badRequest("Each user can be listed only once in members.");
  if (caller.kind === "delegated" && !members.some((m) => m.userId === caller.userId)) {
    throw forbidden("The signed-in user must be one of the chat's members.");
  }
  const apps = body["installedApps"];
  if (apps !== undefined && (!Array.isArray(apps) || apps.length > 1))
    throw badRequest("Only one app can be installed when a chat is created.");
  if (chatType === "oneOnOne") {
    if (members.length !== 2)
      throw badRequest(`A oneOnOne chat must have exactly 2 members; got ${members.length}.`);
    if (body["topic"] !== undefined && body["topic"] !== null)
      throw badRequest("A topic can only be set on group chats.");
  } else if (members.length < 2) {
    throw badRequest("A group chat needs at least 2 members.");
  }
  const topic =
    chatType === "group" && body["topic"] !== undefined && body["topic"] !== null
      ? validTopic(body["topic"])
      : null;
  const ids = store.newChatIds(
    chatType,
    members.map((m) => m.userId),
  );
  // One-on-one chats are idempotent: the same pair always gets the existing chat back (201, same id).
  let chat =
    chatType === "oneOnOne"
      ? store.state.chats.find((c) => c.id === ids.id && !c.deletedDateTime)
      : undefined;
  if (!chat) {
    const now = nowIso();
    chat = {
      id: ids.id,
      chatType,
      topic,
      createdDateTime: now,
      lastUpdatedDateTime: now,
      tenantId: store.dir.homeTenantId,
      webUrl: ids.webUrl,
      members: members.map((m) => ({ ...m, id: membershipId(m.tenantId, ids.id, m.userId) })),
      installedApps: [],
      messages: [],
      hiddenFor: [],
      migrationMode: "none",
      deletedDateTime: null,
    };
    store.state.chats = store.state.chats.filter((c) => c.id !== chat!.id);
    store.state.chats.push(chat);
  }
  if (!Array.isArray(apps) || apps.length === 0) return { chat };
  return { chat, operation: installAtCreation(store, caller, chat, apps[0] as Record<string, unknown>) };
}

/** The 202 path: the app is installed by an async operation that succeeds or fails after asyncOperationMs. */
function installAtCreation(
  store: EmulatorStore,
  caller: Caller,
  chat: ChatRecord,
  app: Record<string, unknown>,
): OperationRecord {
  let record: InstallationRecord | undefined;
  let failure: OperationRecord["failure"] = null;
  try {
    record = installationRecord(store, chat, app);
    checkConsent(store, caller, record);
  } catch (e) {
    failure = { code: (e as { code?: string }).code ?? "BadRequest", message: (e as Error).message };
  }
  const op = store.newOperation(chat.id, failure);
  if (record && !failure) {
    record.visibleAt = op.createdAt + op.durationMs;
    if (!chat.installedApps.some((i) => i.teamsAppId.toLowerCase() === record!.teamsAppId.toLowerCase()))
      chat.installedApps.push(record);
  }
  return op;
}
