import { Router } from "express";
import { badRequest, notFound } from "../errors";
import { authorize } from "../permissions";
import { context, memberJson } from "../serialize";
import type { ChatRecord } from "../state";
import type { MemberInput } from "../store";
import { allowQuery, type Deps, locals, param } from "./util";

export function membersRouter({ store }: Deps): Router {
  const r = Router();
  const oneOnOneRefused = (c: ChatRecord) => {
    if (c.chatType === "oneOnOne")
      throw badRequest("Members cannot be added to or removed from a oneOnOne chat.");
  };

  r.get("/chats/:chatId/members", (req, res) => {
    allowQuery(req, [], "GET /chats/{id}/members");
    const { caller, version } = locals(res);
    authorize(caller, "readMembers");
    const c = store.chat(caller, param(req, "chatId"));
    res.json({
      "@odata.context": context(version, `chats('${c.id}')/members`),
      "@odata.count": c.members.length,
      value: c.members.map(memberJson),
    });
  });

  r.get("/chats/:chatId/members/:membershipId", (req, res) => {
    allowQuery(req, [], "GET /chats/{id}/members/{id}");
    const { caller, version } = locals(res);
    authorize(caller, "readMembers");
    const c = store.chat(caller, param(req, "chatId"));
    const m = c.members.find((x) => x.id === param(req, "membershipId"));
    if (!m) throw notFound(`Member '${param(req, "membershipId")}' was not found in chat '${c.id}'.`);
    res.json({ "@odata.context": context(version, `chats('${c.id}')/members/$entity`), ...memberJson(m) });
  });

  r.post("/chats/:chatId/members", (req, res) => {
    allowQuery(req, [], "POST /chats/{id}/members");
    const { caller, version } = locals(res);
    authorize(caller, "writeMembers");
    const c = store.chat(caller, param(req, "chatId"));
    oneOnOneRefused(c);
    const m = store.member(c.id, (req.body ?? {}) as MemberInput, 0);
    store.assertNotMember(c, m);
    c.members.push(m);
    store.touch(c);
    store.save();
    // Graph documents 201 + Location; the emulator also returns the member (choice: emulator/README.md).
    res
      .status(201)
      .location(`/chats/${c.id}/members/${m.id}`)
      .json({ "@odata.context": context(version, `chats('${c.id}')/members/$entity`), ...memberJson(m) });
  });

  r.delete("/chats/:chatId/members/:membershipId", (req, res) => {
    allowQuery(req, [], "DELETE /chats/{id}/members/{id}");
    const { caller } = locals(res);
    authorize(caller, "writeMembers");
    const c = store.chat(caller, param(req, "chatId"));
    oneOnOneRefused(c);
    const i = c.members.findIndex((x) => x.id === param(req, "membershipId"));
    if (i < 0) throw notFound(`Member '${param(req, "membershipId")}' was not found in chat '${c.id}'.`);
    c.members.splice(i, 1);
    store.touch(c);
    store.save();
    res.status(204).end();
  });

  return r;
}
