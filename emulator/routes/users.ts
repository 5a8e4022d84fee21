import { Router } from "express";
import { userNotFound } from "../errors";
import { odataContext } from "../odata";
import { authorize } from "../permissions";
import { userJson } from "../views/directory";
import { type RouterDeps, route } from "./route";

/** GET /users/{id | userPrincipalName} (also /users('…')), Graph's default properties (§9). */
export function usersRouter({ directory }: RouterDeps): Router {
  const r = Router();
  // The permission depends on whom is read: a signed-in user may read themselves with User.Read.
  route(r, "get", "/users/:user", { permission: null }, (ctx) => {
    const ref = ctx.param("user");
    const u = directory.user(ref);
    const self = ctx.caller.kind === "delegated" && !!u && u.id === ctx.caller.userId;
    authorize(ctx.caller, self ? "readSelf" : "readUser");
    if (!u) throw userNotFound(ref);
    return {
      status: 200,
      body: { "@odata.context": odataContext(ctx.version, "users/$entity"), ...userJson(u) },
    };
  });
  return r;
}
