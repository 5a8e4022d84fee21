import { orderbyUnsupported, topOutOfRange, unsupportedFilter } from "../errors";
import { odataContext, queryString } from "../odata";
import type { ChatRecord, MessageRecord } from "../store/records";
import { messageJson } from "../views/message";
import { nextLink, parseSkipToken } from "./paging";
import type { Ctx, Reply } from "./route";

type Sortable = "lastModifiedDateTime" | "createdDateTime";

/**
 * GET /chats/{id}/messages (docs/graph-api.md §6): $top ≤ 50 (default 20); $orderby lastModifiedDateTime
 * or createdDateTime, descending only; $filter only on the $orderby property (lastModifiedDateTime gt|lt,
 * createdDateTime lt); paging through @odata.nextLink with an opaque $skiptoken.
 */
export function listMessages(ctx: Ctx, c: ChatRecord, all: readonly MessageRecord[]): Reply {
  const rawTop = queryString(ctx.req, "$top");
  const top = rawTop === undefined ? 20 : Number(rawTop);
  if (!Number.isInteger(top) || top < 1 || top > 50) throw topOutOfRange(rawTop);
  const orderby = (queryString(ctx.req, "$orderby") ?? "lastModifiedDateTime desc").trim();
  const o = /^(lastModifiedDateTime|createdDateTime)\s+desc$/.exec(orderby);
  if (!o) throw orderbyUnsupported(orderby);
  const prop = o[1] as Sortable;
  let items = [...all].sort(
    (a, b) => Date.parse(b[prop]) - Date.parse(a[prop]) || Number(b.id) - Number(a.id),
  );
  const filter = queryString(ctx.req, "$filter");
  if (filter !== undefined) {
    const f = /^\s*(lastModifiedDateTime|createdDateTime)\s+(gt|lt)\s+(\S+)\s*$/.exec(filter);
    if (
      !f ||
      f[1] !== prop ||
      (f[1] === "createdDateTime" && f[2] !== "lt") ||
      Number.isNaN(Date.parse(f[3]!))
    )
      throw unsupportedFilter(
        filter,
        ctx.endpoint,
        "the $orderby property: lastModifiedDateTime gt|lt <date-time>, createdDateTime lt <date-time>",
      );
    const at = Date.parse(f[3]!);
    items = items.filter((m) => (f[2] === "gt" ? Date.parse(m[prop]) > at : Date.parse(m[prop]) < at));
  }
  const skip = parseSkipToken(queryString(ctx.req, "$skiptoken"));
  const page = items.slice(skip, skip + top);
  const more = skip + top < items.length;
  return {
    status: 200,
    body: {
      "@odata.context": odataContext(ctx.version, `chats('${encodeURIComponent(c.id)}')/messages`),
      "@odata.count": page.length,
      ...(more
        ? { "@odata.nextLink": nextLink(ctx, `/chats/${encodeURIComponent(c.id)}/messages`, skip + top) }
        : {}),
      value: page.map((m) => messageJson(c.id, m)),
    },
  };
}
