import type { NextFunction, Request, Response } from "express";
import { isGraphHttpError, tokenMalformed, tokenMissing } from "./errors";
import type { TokenIssuer } from "./tokens";

/**
 * The authentication step: every Graph request needs `Authorization: Bearer <token>` with a token this
 * emulator process issued (RS256, checked against its published key) and that has not expired; otherwise 401 InvalidAuthenticationToken with
 * `WWW-Authenticate: Bearer`. The verified caller is put on res.locals for the permission checks.
 */
export function authenticate(issuer: TokenIssuer) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization;
    if (!header) throw tokenMissing();
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw tokenMalformed();
    const caller = await issuer.verify(m[1]!);
    if (isGraphHttpError(caller)) throw caller;
    // A fresh object per request: the permission checks of this request are kept beside it (permissions.ts).
    res.locals["caller"] = { ...caller };
    next();
  };
}
