import { Router } from "express";
import { authorize } from "../permissions";
import { operationJson } from "../serialize";
import { allowQuery, type Deps, locals, param } from "./util";

// Graph documents chat operations under /beta only; the v1.0 create-chat Location points at the same
// path, so the emulator serves it on both versions (choice recorded in emulator/README.md).
export function operationsRouter({ store }: Deps): Router {
  const r = Router();
  r.get("/chats/:chatId/operations/:operationId", (req, res) => {
    allowQuery(req, [], "GET /chats/{id}/operations/{id}");
    const { caller, version } = locals(res);
    authorize(caller, "readChat");
    const chat = store.chat(caller, param(req, "chatId"));
    const op = store.operation(chat.id, param(req, "operationId"));
    const prefer = String(req.headers["prefer"] ?? "");
    res.json(operationJson(version, op, prefer.includes("include-unknown-enum-members")));
  });
  return r;
}
