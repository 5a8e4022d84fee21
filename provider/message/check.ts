import type { CheckEnv, CheckResult } from "../contract";
import type { ChatMessageInputs } from "../generated/types";
import { type CheckFailure, failsInside, isKnown, oneEach, validateInputs } from "../validate";

const atTag = /<at\s+id\s*=\s*["']?(\d+)["']?\s*>/gi;
const attachmentTag = /<attachment\s+id\s*=\s*["']([^"']+)["']\s*>/gi;

/** Validates a message before anything is sent: body, mention and attachment references, import rules. */
export function checkMessage(news: Record<string, unknown>, ctx: CheckEnv): CheckResult {
  const schemaFailures = validateInputs("ChatMessage", news);
  const failures: CheckFailure[] = [];
  const m = news as unknown as ChatMessageInputs;
  const content = typeof m.body?.content === "string" && isKnown(m.body.content) ? m.body.content : undefined;
  const html = m.body?.contentType === "html";
  if (content !== undefined) {
    const ats = [...content.matchAll(atTag)].map((x) => Number(x[1]));
    const refs = [...content.matchAll(attachmentTag)].map((x) => x[1]!);
    if (
      (ats.length || refs.length) &&
      m.body.contentType !== undefined &&
      isKnown(m.body.contentType) &&
      !html
    ) {
      failures.push({
        property: "body.contentType",
        reason: "must be 'html' when the body contains <at> mentions or <attachment> references",
      });
    }
    // Entries the schema already refused are reported once, there; pairing them would contradict it.
    if (pairable(m.mentions) && !failsInside(schemaFailures, "mentions"))
      failures.push(...mentionRules(ats, m.mentions ?? []));
    if (pairable(m.attachments) && !failsInside(schemaFailures, "attachments"))
      failures.push(...attachmentRules(refs, m.attachments ?? []));
  }
  failures.push(...importRules(m, ctx));
  return { inputs: news, failures: oneEach(schemaFailures, failures) };
}

/** A list the pairing rules can read: absent, or a fully known list (its shape is the schema's business). */
const pairable = (list: unknown): boolean =>
  list === undefined || list === null || (Array.isArray(list) && isKnown(list));

const present = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * Body references and their entries pair up one to one: every `<at id>` / `<attachment id>` in the body
 * has an entry, and every entry is referenced from the body.
 */
function pairing<K>(
  refs: readonly K[],
  ids: readonly (K | undefined)[],
  say: { list: string; missing(k: K): string; unreferenced(k: K, i: number): CheckFailure },
): CheckFailure[] {
  const out: CheckFailure[] = [];
  for (const r of new Set(refs))
    if (!ids.includes(r)) out.push({ property: say.list, reason: say.missing(r) });
  ids.forEach((id, i) => {
    if (isKnown(id) && id !== undefined && !refs.includes(id)) out.push(say.unreferenced(id, i));
  });
  return out;
}

function mentionRules(ats: number[], mentions: NonNullable<ChatMessageInputs["mentions"]>): CheckFailure[] {
  const ids = mentions.map((x) => x?.id);
  const out = pairing(ats, ids, {
    list: "mentions",
    missing: (n) =>
      `the body has <at id="${n}"> but no mentions entry with id ${n}; add one naming who is mentioned`,
    unreferenced: (n, i) => ({
      property: `mentions[${i}].id`,
      reason: `mention ${n} has no <at id="${n}">…</at> in the body; reference it or remove the entry`,
    }),
  });
  mentions.forEach((x, i) => {
    if (!isKnown(x?.id)) return;
    if (ids.indexOf(x.id) !== i)
      out.push({
        property: `mentions[${i}].id`,
        reason: `mention id ${x.id} is used twice; ids must be unique`,
      });
    if (x.mentioned && isKnown(x.mentioned) && !x.mentioned.user && !x.mentioned.application) {
      out.push({ property: `mentions[${i}].mentioned`, reason: "must name a user or an application" });
    }
  });
  return out;
}

function attachmentRules(
  refs: string[],
  attachments: NonNullable<ChatMessageInputs["attachments"]>,
): CheckFailure[] {
  return pairing(
    refs,
    attachments.map((a) => a?.id),
    {
      list: "attachments",
      missing: (r) => `the body references <attachment id="${r}"> but no attachment has id '${r}'`,
      unreferenced: (id, i) => ({
        property: `attachments[${i}].id`,
        reason: `attachment '${id}' is not referenced in the body; add <attachment id="${id}"></attachment> to body.content`,
      }),
    },
  );
}

function importRules(m: ChatMessageInputs, ctx: CheckEnv): CheckFailure[] {
  const importing = present(m.createdDateTime) || present(m.from);
  const out: CheckFailure[] = [];
  if (importing && present(m.createdDateTime) !== present(m.from)) {
    out.push({
      property: present(m.from) ? "createdDateTime" : "from",
      reason: "imported messages need both createdDateTime and from",
    });
  }
  if (importing && ctx.tokenKind === "delegated") {
    out.push({
      property: present(m.createdDateTime) ? "createdDateTime" : "from",
      reason:
        "is for importing history and needs an application token with Teamwork.Migrate.All; the configured credential signs in a user. Remove it to send as that user",
    });
  }
  if (!importing && ctx.tokenKind === "application") {
    out.push({
      property: "body",
      reason:
        "Graph lets an application token send chat messages only as an import (createdDateTime and from, chat in migration mode); sign in as a user (msteams:auth deviceCode/azureCli, or msteams:username on the emulator) to send it",
    });
  }
  return out;
}
