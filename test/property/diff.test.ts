// Property: `diff` replaces exactly what Graph cannot change in place. A stored state and new inputs are
// drawn from small pools of values per input; for every input that differs, the diff must list it in
// `replaces` when the schema marks it willReplaceOnChanges (Graph cannot change it), and must not when
// the schema does not (Graph changes it in place). The one rule the schema cannot state: a one-on-one
// chat's roster is fixed at creation (docs/graph-api.md §1), so a roster change replaces that chat.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffChat } from "../../provider/chat/diff";
import type { DiffResult } from "../../provider/contract";
import schema from "../../provider/generated/schema.json";
import type {
  ChatAppInstallationInputs,
  ChatInputs,
  ChatMessageInputs,
} from "../../provider/generated/types";
import { diffInstallation } from "../../provider/install/diff";
import type { InstallationState } from "../../provider/install/model";
import { diffMessage } from "../../provider/message/diff";
import type { MessageState } from "../../provider/message/model";
import { UNKNOWN } from "../../provider/validate";
import { chatState, member } from "../support/states";
import { PROPERTY_RUNS } from "./settings";

/** The inputs Graph cannot change in place, read from the schema (not from the provider's code). */
function notChangeable(name: string): Set<string> {
  const r = (schema.resources as unknown as Record<string, { inputProperties: Record<string, object> }>)[
    `msteams:index:${name}`
  ]!;
  return new Set(
    Object.entries(r.inputProperties)
      .filter(([, p]) => (p as { willReplaceOnChanges?: boolean }).willReplaceOnChanges === true)
      .map(([k]) => k),
  );
}

/**
 * Each input's pool: index 0..n-1 are distinct values (a different index is a change), and a value the
 * preview does not know yet, which is a change of that input too.
 */
type Pools = Record<string, readonly unknown[]>;
type Pick = Record<string, number | "unknown">;

const picks = (pools: Pools) =>
  fc.record(
    Object.fromEntries(
      Object.entries(pools).map(([k, pool]) => [k, fc.nat({ max: pool.length - 1 })]),
    ) as Record<string, fc.Arbitrary<number>>,
  );
const newPicks = (pools: Pools) =>
  fc.record(
    Object.fromEntries(
      Object.entries(pools).map(([k, pool]) => [
        k,
        fc.oneof(
          { arbitrary: fc.nat({ max: pool.length - 1 }), weight: 4 },
          { arbitrary: fc.constant("unknown" as const), weight: 1 },
        ),
      ]),
    ) as Record<string, fc.Arbitrary<number | "unknown">>,
  );

/** New picks: random ones, or the stored ones with exactly one input changed (the cases that hide best). */
const changesOf = (pools: Pools) => (o: Record<string, number>) => {
  const keys = Object.keys(pools);
  const one = fc
    .tuple(fc.constantFrom(...keys), fc.oneof(fc.nat({ max: 9 }), fc.constant("unknown" as const)))
    .map(([k, v]): Pick => ({ ...o, [k]: v === "unknown" ? v : v % pools[k]!.length }));
  return fc.tuple(fc.constant(o), fc.oneof(newPicks(pools), one));
};

function inputsFrom(pools: Pools, pick: Pick): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, i] of Object.entries(pick)) {
    const v = i === "unknown" ? UNKNOWN : pools[k]![i];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * What the diff must say for the inputs that changed: a change (and no replacement) when only inputs Graph
 * changes in place changed; a replacement when one it cannot change did; `replaces` names only those.
 */
function expectReplacesExactly(
  d: DiffResult,
  changed: readonly string[],
  replacing: ReadonlySet<string>,
): void {
  if (changed.length === 0) return void expect(d).toEqual({ changes: false });
  expect(d.changes).toBe(true);
  const fixed = changed.filter((k) => replacing.has(k));
  const replaces = d.replaces ?? [];
  for (const k of replaces) expect(fixed).toContain(k);
  expect(replaces.length > 0).toBe(fixed.length > 0);
}

const changedKeys = (olds: Record<string, number>, news: Pick) =>
  Object.keys(news).filter((k) => news[k] === "unknown" || news[k] !== olds[k]);

const user = (n: number) => `0000000${n}-4792-4def-b2c9-c363a1bf41d5`;
const ownerOf = (u: string) => ({ user: u, roles: ["owner"] });

describe("diff on random changes", () => {
  it("Chat: replaces the chat type, the adopted id and a one-on-one roster; changes the rest in place", () => {
    const pools: Pools = {
      chatType: ["group", "oneOnOne"],
      existingChatId: [undefined, "19:aa@thread.v2", "19:bb@thread.v2"],
      topic: ["Launch", "Q3 plan"],
      members: [
        [ownerOf(user(1)), ownerOf(user(2))],
        [ownerOf(user(1)), ownerOf(user(3))],
        [ownerOf(user(1)), { user: user(2), roles: ["guest"] }],
      ],
      installedApps: [undefined, [{ teamsAppId: "a1" }], [{ teamsAppId: "a2" }]],
      deletionPolicy: [undefined, "delete", "forget"],
    };
    fc.assert(
      fc.property(picks(pools).chain(changesOf(pools)), ([o, n]) => {
        const stored = inputsFrom(pools, o) as unknown as ChatInputs;
        const olds = chatState({
          chatType: stored.chatType as "group",
          topic: stored.topic ?? null,
          members: stored.members.map((m) => member(m.user, { roles: m.roles as string[] })),
          installedApps: stored.installedApps ?? null,
          deletionPolicy: stored.deletionPolicy ?? null,
          existingChatId: stored.existingChatId ?? null,
        });
        const news = inputsFrom(pools, n) as unknown as ChatInputs;
        const replacing = notChangeable("Chat");
        if (olds.chatType === "oneOnOne" || news.chatType === "oneOnOne") replacing.add("members");
        expectReplacesExactly(diffChat(olds, news), changedKeys(o, n), replacing);
      }),
      PROPERTY_RUNS,
    );
  });

  it("ChatMessage: replaces the chat and the import fields; edits body, importance, subject, mentions, attachments", () => {
    const jane = { id: user(1), displayName: "Adele Vance" };
    const pat = { id: user(2), displayName: "Patti" };
    const mention = { id: 0, mentionText: "Adele", mentioned: { user: jane } };
    const card = { id: "c1", contentType: "application/vnd.microsoft.card.adaptive", content: "{}" };
    const pools: Pools = {
      chatId: ["19:aa@thread.v2", "19:bb@thread.v2"],
      body: [{ content: "Hello" }, { contentType: "html", content: "<b>Hello</b>" }, { content: "Bye" }],
      importance: [undefined, "high", "urgent"],
      subject: [undefined, "Plan", "Notes"],
      mentions: [undefined, [mention]],
      attachments: [undefined, [card]],
      createdDateTime: [undefined, "2024-01-31T09:00:00Z", "2024-02-01T09:00:00Z"],
      from: [undefined, { user: jane }, { user: pat }],
      existingMessageId: [undefined, "1616991463150", "1616991463151"],
    };
    // An import declares both fields or neither (check refuses half an import).
    const imports = (p: Record<string, number | "unknown">) =>
      p["createdDateTime"] === "unknown" ||
      p["from"] === "unknown" ||
      (p["createdDateTime"] === 0) === (p["from"] === 0);
    fc.assert(
      fc.property(
        picks(pools)
          .filter(imports)
          .chain(changesOf(pools))
          .filter(([, n]) => imports(n)),
        ([o, n]) => {
          const s = inputsFrom(pools, o) as unknown as ChatMessageInputs;
          const imported = s.createdDateTime !== undefined;
          const olds: MessageState = {
            chatId: s.chatId,
            messageId: "1616991463150",
            body: { contentType: s.body.contentType ?? "text", content: s.body.content },
            importance: s.importance ?? "normal",
            subject: s.subject ?? null,
            mentions: (s.mentions ?? []) as MessageState["mentions"],
            attachments: (s.attachments ?? []) as MessageState["attachments"],
            createdDateTime: s.createdDateTime ?? "2026-01-01T00:00:00.000Z",
            lastModifiedDateTime: null,
            lastEditedDateTime: null,
            webUrl: null,
            from: s.from ?? { user: jane },
            imported,
            adopted: false,
            existingMessageId: s.existingMessageId ?? null,
          } as MessageState;
          const news = inputsFrom(pools, n) as unknown as ChatMessageInputs;
          expectReplacesExactly(diffMessage(olds, news), changedKeys(o, n), notChangeable("ChatMessage"));
        },
      ),
      PROPERTY_RUNS,
    );
  });

  it("ChatAppInstallation: replaces the chat or the app; upgrades the consent in place", () => {
    const rsc = (permissionType: string) => ({
      resourceSpecificPermissions: [{ permissionValue: "ChatMessage.Read.Chat", permissionType }],
    });
    const pools: Pools = {
      chatId: ["19:aa@thread.v2", "19:bb@thread.v2"],
      teamsAppId: ["a1", "a2"],
      consentedPermissionSet: [rsc("application"), rsc("delegated")],
    };
    fc.assert(
      fc.property(picks(pools).chain(changesOf(pools)), ([o, n]) => {
        const s = inputsFrom(pools, o) as unknown as ChatAppInstallationInputs;
        const olds = {
          chatId: s.chatId,
          teamsAppId: s.teamsAppId,
          installationId: "inst1",
          consentedPermissionSet: s.consentedPermissionSet,
          teamsAppDefinition: { id: "def", version: "1.0.0", displayName: "Polls" },
          adopted: false,
        } as InstallationState;
        const news = inputsFrom(pools, n) as unknown as ChatAppInstallationInputs;
        expectReplacesExactly(
          diffInstallation(olds, news),
          changedKeys(o, n),
          notChangeable("ChatAppInstallation"),
        );
      }),
      PROPERTY_RUNS,
    );
  });
});
