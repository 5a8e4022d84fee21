// What every resource's adoption shares. A create that adopts an existing object (existingChatId,
// existingMessageId) previews as a plain "+ create": the engine calls neither create nor diff for it in a
// preview, and check makes no Graph call. What check can do is say, as a warning, what the create will do.
// See docs/adoption.md.
import type { CheckResult } from "./contract";
import { isKnown } from "./validate";

/** Adds `notice(id)` to the check's warnings when these inputs adopt `key`'s object anew. */
export function withAdoptingNotice(
  r: CheckResult,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  key: string,
  notice: (id: string) => string,
): CheckResult {
  const id = news[key];
  if (typeof id !== "string" || !isKnown(id) || olds[key] === id) return r;
  return { ...r, warnings: [...(r.warnings ?? []), notice(id)] };
}
