import { type Request, Router } from "express";
import { badRequest, conflict, forbidden, notFound, tooLarge } from "../errors";
import { authorize } from "../permissions";
import { context, messageJson } from "../serialize";
import type { ChatRecord, MessageRecord } from "../state";
import { nowIso } from "../state";
import type { EmulatorStore } from "../store";
import type { Caller } from "../tokens";
import { allowQuery, type Deps, locals, param } from "./util";

/** Teams refuses messages larger than about 28 KB. */
export const MAX_MESSAGE_BYTES = 28 * 1024;
const editable = ["body", "importance", "subject", "mentions", "attachments"];

export function messagesRouter({ store }: Deps): Router {
  const r = Router();
  const message = (c: ChatRecord, id: string) => {
    const m = c.messages.find((x) => x.id === id);
    if (!m) throw notFound(`Message '${id}' was not found in chat '${c.id}'.`);
    return m;
  };

  r.post("/chats/:chatId/messages", (req, res) => {
    allowQuery(req, [], "POST /chats/{id}/messages");
    const { caller, version } = locals(res);
    authorize(caller, "sendMessage");
    const c = store.chat(caller, param(req, "chatId"));
    const m = newMessage(store, caller, c, (req.body ?? {}) as Record<string, unknown>);
    c.messages.push(m);
    store.save();
    res.status(201).json({
      "@odata.context": context(version, `chats('${encodeURIComponent(c.id)}')/messages/$entity`),
      ...messageJson(c.id, m),
    });
  });

  r.get("/chats/:chatId/messages/:messageId", (req, res) => {
    allowQuery(req, [], "GET /chats/{id}/messages/{id}");
    const { caller, version } = locals(res);
    authorize(caller, "readMessages");
    const c = store.chat(caller, param(req, "chatId"));
    res.json({
      "@odata.context": context(version, `chats('${encodeURIComponent(c.id)}')/messages/$entity`),
      ...messageJson(c.id, message(c, param(req, "messageId"))),
    });
  });

  r.get("/chats/:chatId/messages", (req, res) => {
    allowQuery(req, ["$top", "$orderby", "$filter", "$skiptoken"], "GET /chats/{id}/messages");
    const { caller, version } = locals(res);
    authorize(caller, "readMessages");
    const c = store.chat(caller, param(req, "chatId"));
    const page = listPage(req, c.messages);
    const next =
      page.next === undefined ? {} : { "@odata.nextLink": nextLink(req, version, c.id, page.next) };
    res.json({
      "@odata.context": context(version, `chats('${encodeURIComponent(c.id)}')/messages`),
      "@odata.count": page.items.length,
      ...next,
      value: page.items.map((m) => messageJson(c.id, m)),
    });
  });

  r.patch("/chats/:chatId/messages/:messageId", (req, res) => {
    allowQuery(req, [], "PATCH /chats/{id}/messages/{id}");
    const { caller, version } = locals(res);
    authorize(caller, "editMessage");
    const c = store.chat(caller, param(req, "chatId"));
    const m = message(c, param(req, "messageId"));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const keys = Object.keys(body);
    if (caller.kind === "application") {
      // Applications may only set policyViolation (and answer 200 with the message).
      if (keys.some((k) => k !== "policyViolation"))
        throw forbidden("Applications can only update policyViolation on chat messages.");
      res.json({
        "@odata.context": context(version, `chats('${encodeURIComponent(c.id)}')/messages/$entity`),
        ...messageJson(c.id, m),
      });
      return;
    }
    if (keys.includes("policyViolation"))
      throw badRequest("policyViolation can only be updated with application permissions.");
    const unknown = keys.filter((k) => !editable.includes(k));
    if (unknown.length)
      throw badRequest(`These message properties cannot be updated: ${unknown.join(", ")}.`);
    if (m.from.user.id !== caller.userId) throw forbidden("Only the sender of a message can edit it.");
    if (m.deletedDateTime) throw badRequest("A deleted message cannot be edited.");
    const next = { ...m, ...pick(body, editable) } as MessageRecord;
    validateContent(next);
    const now = nowIso();
    Object.assign(m, next, {
      lastEditedDateTime: now,
      lastModifiedDateTime: now,
      etag: String(Date.parse(now)),
    });
    store.save();
    res.status(204).end();
  });

  for (const action of ["softDelete", "undoSoftDelete"] as const) {
    r.post(`/users/:userId/chats/:chatId/messages/:messageId/${action}`, (req, res) => {
      allowQuery(req, [], `POST /users/{id}/chats/{id}/messages/{id}/${action}`);
      const { caller } = locals(res);
      authorize(caller, "softDeleteMessage");
      if (param(req, "userId").toLowerCase() !== caller.userId?.toLowerCase())
        throw forbidden(`${action} is only possible for the signed-in user's own path.`);
      const c = store.chat(caller, param(req, "chatId"));
      const m = message(c, param(req, "messageId"));
      if (m.from.user.id !== caller.userId)
        throw forbidden("Only the sender can delete or restore a message.");
      const now = nowIso();
      m.deletedDateTime = action === "softDelete" ? now : null;
      m.lastModifiedDateTime = now;
      store.save();
      res.status(204).end();
    });
  }

  for (const action of ["startMigration", "completeMigration"] as const) {
    r.post(`/chats/:chatId/${action}`, (req, res) => {
      allowQuery(req, [], `POST /chats/{id}/${action}`);
      const { caller } = locals(res);
      authorize(caller, "migrate");
      const c = store.chat(caller, param(req, "chatId"));
      if (action === "completeMigration" && c.migrationMode !== "inProgress")
        throw badRequest(`Chat '${c.id}' is not in migration mode.`);
      c.migrationMode = action === "startMigration" ? "inProgress" : "completed";
      store.save();
      res.status(204).end();
    });
  }
  return r;
}

function newMessage(
  store: EmulatorStore,
  caller: Caller,
  c: ChatRecord,
  b: Record<string, unknown>,
): MessageRecord {
  const importing = caller.kind === "application";
  if (importing && c.migrationMode !== "inProgress") {
    throw forbidden(
      `Applications can only post messages while importing: chat '${c.id}' is not in migration mode (call startMigration first).`,
    );
  }
  if (!importing && (b["createdDateTime"] !== undefined || b["from"] !== undefined)) {
    throw badRequest(
      "createdDateTime and from can only be set when an application imports messages in migration mode.",
    );
  }
  const body = b["body"] as { contentType?: string; content?: unknown } | undefined;
  if (!body || typeof body.content !== "string")
    throw badRequest("The message body is required: body.content.");
  const created = importing ? Date.parse(String(b["createdDateTime"] ?? "")) : Date.now();
  if (
    importing &&
    (Number.isNaN(created) || !(b["from"] as { user?: { id?: string } } | undefined)?.user?.id)
  ) {
    throw badRequest("Imported messages need createdDateTime and from.user.id.");
  }
  if (importing && c.messages.some((m) => m.imported && Date.parse(m.createdDateTime) === created)) {
    throw conflict(
      `A message created at ${new Date(created).toISOString()} was already imported into chat '${c.id}'.`,
    );
  }
  let id = created;
  while (c.messages.some((m) => m.id === String(id))) id++;
  const sender = importing
    ? (b["from"] as { user: { id: string; displayName?: string } }).user
    : { id: caller.userId!, displayName: undefined };
  const iso = new Date(created).toISOString();
  const m: MessageRecord = {
    id: String(id),
    createdDateTime: iso,
    lastModifiedDateTime: iso,
    lastEditedDateTime: null,
    deletedDateTime: null,
    etag: String(id),
    messageType: "message",
    importance: typeof b["importance"] === "string" ? b["importance"] : "normal",
    subject: typeof b["subject"] === "string" ? b["subject"] : null,
    body: { contentType: body.contentType ?? "text", content: body.content },
    mentions: Array.isArray(b["mentions"]) ? b["mentions"] : [],
    attachments: Array.isArray(b["attachments"]) ? b["attachments"] : [],
    from: {
      user: {
        id: sender.id,
        displayName: sender.displayName ?? store.dir.userById(sender.id)?.displayName ?? null,
        userIdentityType: "aadUser",
      },
    },
    imported: importing,
  };
  validateContent(m);
  return m;
}

/** Body rules: content type, mention and attachment references, size. */
function validateContent(m: MessageRecord): void {
  const { contentType, content } = m.body;
  if (contentType !== "text" && contentType !== "html")
    throw badRequest(`body.contentType must be 'text' or 'html'; got '${contentType}'.`);
  if (content.trim() === "") throw badRequest("The message body must not be empty.");
  if (Buffer.byteLength(content) > MAX_MESSAGE_BYTES) {
    throw tooLarge(
      `The message is ${Buffer.byteLength(content)} bytes; Teams accepts at most ${MAX_MESSAGE_BYTES} bytes.`,
    );
  }
  if (!["normal", "high", "urgent"].includes(m.importance))
    throw badRequest(`importance must be normal, high or urgent; got '${m.importance}'.`);
  const ats = [...content.matchAll(/<at\s+id\s*=\s*["']?(\d+)["']?\s*>/gi)].map((x) => Number(x[1]));
  const refs = [...content.matchAll(/<attachment\s+id\s*=\s*["']([^"']+)["']\s*>/gi)].map((x) => x[1]);
  if ((ats.length || refs.length) && contentType !== "html")
    throw badRequest("Mentions and attachment references need body.contentType 'html'.");
  const mentionIds = (m.mentions as { id?: number }[]).map((x) => x.id);
  for (const n of ats)
    if (!mentionIds.includes(n))
      throw badRequest(`The body has <at id="${n}"> but mentions has no entry with id ${n}.`);
  for (const n of mentionIds)
    if (!ats.includes(n as number)) throw badRequest(`Mention ${n} has no <at id="${n}"> tag in the body.`);
  const attachmentIds = (m.attachments as { id?: string }[]).map((x) => x.id);
  for (const id of refs)
    if (!attachmentIds.includes(id))
      throw badRequest(`The body references attachment '${id}', which is not in attachments.`);
  for (const id of attachmentIds)
    if (!refs.includes(id))
      throw badRequest(`Attachment '${id}' is not referenced by <attachment id="${id}"> in the body.`);
}

function listPage(req: Request, all: MessageRecord[]): { items: MessageRecord[]; next?: number } {
  const top = req.query["$top"] === undefined ? 20 : Number(req.query["$top"]);
  if (!Number.isInteger(top) || top < 1 || top > 50) throw badRequest("$top must be between 1 and 50.");
  const orderby = String(req.query["$orderby"] ?? "lastModifiedDateTime desc").trim();
  const o = /^(lastModifiedDateTime|createdDateTime)\s+desc$/.exec(orderby);
  if (!o)
    throw badRequest(
      `$orderby '${orderby}' is not supported: use lastModifiedDateTime desc or createdDateTime desc (descending only).`,
    );
  const prop = o[1] as "lastModifiedDateTime" | "createdDateTime";
  let items = [...all].sort(
    (a, b) => Date.parse(b[prop]) - Date.parse(a[prop]) || Number(b.id) - Number(a.id),
  );
  if (req.query["$filter"] !== undefined) {
    const f = /^\s*(lastModifiedDateTime|createdDateTime)\s+(gt|lt)\s+(\S+)\s*$/.exec(
      String(req.query["$filter"]),
    );
    if (!f || f[1] !== prop || (f[1] === "createdDateTime" && f[2] !== "lt")) {
      throw badRequest(
        `$filter '${String(req.query["$filter"])}' is not supported: filter on the $orderby property (lastModifiedDateTime gt|lt, createdDateTime lt).`,
      );
    }
    const at = Date.parse(f[3]!);
    items = items.filter((m) => (f[2] === "gt" ? Date.parse(m[prop]) > at : Date.parse(m[prop]) < at));
  }
  const skip =
    req.query["$skiptoken"] === undefined
      ? 0
      : Number(Buffer.from(String(req.query["$skiptoken"]), "base64url").toString());
  const page = items.slice(skip, skip + top);
  return skip + top < items.length ? { items: page, next: skip + top } : { items: page };
}

function nextLink(req: Request, version: string, chatId: string, skip: number): string {
  const q = new URLSearchParams(
    Object.entries(req.query)
      .filter(([k]) => k !== "$skiptoken")
      .map(([k, v]): [string, string] => [k, String(v)]),
  );
  q.set("$skiptoken", Buffer.from(String(skip)).toString("base64url"));
  return `${req.protocol}://${req.get("host")}/${version}/chats/${encodeURIComponent(chatId)}/messages?${q}`;
}

const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
