// The contract between the provider and Graph, one row per Graph rule (docs/graph-api.md): each rule is
// checked against the provider's `check` and against the emulator's answer to the very request the
// provider would send, on both sides of the line (an allowed value passes both, a forbidden one fails
// both). A rule changed on one side only fails here instead of drifting apart silently.
import { describe, expect, it } from "vitest";
import { createBody } from "../../provider/chat/body";
import type { ChatInputs, ChatMessageInputs } from "../../provider/generated/types";
import { messageBody } from "../../provider/message/model";
import * as runtime from "../../provider/runtime";
import { useEmulatorFor } from "../support/emulator";
import { Raw, type Who } from "../support/raw";
import { APPS, FEDERATED_TENANT, USERS } from "../support/tenant";

const GRAPH = "https://graph.microsoft.com";
const ADELE = { user: "adele@contoso.com" } as const;
const owner = (user: string) => ({ user, roles: ["owner"] });

type Kind = "Chat" | "ChatMessage";
interface Rule {
  /** The rule in words, as Graph's documentation states it. */
  readonly rule: string;
  /** Where docs/graph-api.md states it. */
  readonly docs: string;
  readonly kind: Kind;
  /** Inputs Graph accepts, and the closest inputs it refuses. */
  readonly allowed: Record<string, unknown>;
  readonly refused: Record<string, unknown>;
  /**
   * The property `check` names for the refused inputs; null where the rule needs Graph's directory
   * (`check` makes no Graph call), so only Graph can enforce it and `check` lets the inputs pass.
   */
  readonly property: string | null;
  /** Graph's status for the refused request. @default 400 */
  readonly status?: number;
  /**
   * The refused request as sent to Graph, where the provider's body builder would leave the offending
   * part out (so the emulator side of the rule is still exercised).
   */
  readonly raw?: (body: Record<string, unknown>, inputs: Record<string, unknown>) => Record<string, unknown>;
}

const group = (extra: Record<string, unknown> = {}) => ({
  chatType: "group",
  members: [owner(USERS.u8c0a), owner(USERS.u82fe)],
  ...extra,
});
const oneOnOne = (extra: Record<string, unknown> = {}) => ({
  chatType: "oneOnOne",
  members: [owner(USERS.adele), owner(USERS.u82af)],
  ...extra,
});
const message = (content: string, extra: Record<string, unknown> = {}) => ({
  body: { contentType: "html", content },
  ...extra,
});
const mention = (id: number) => ({
  id,
  mentionText: "Patti",
  mentioned: { user: { id: USERS.u82af, displayName: "Patti Fernandez" } },
});
const card = (id: string) => ({
  id,
  contentType: "application/vnd.microsoft.card.adaptive",
  content: '{"type":"AdaptiveCard","version":"1.4","body":[]}',
});
const RSC_READ = { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" };
const RSC_MEETING = { permissionValue: "OnlineMeeting.ReadBasic.Chat", permissionType: "application" };
const rsc = (...resourceSpecificPermissions: object[]) => ({ resourceSpecificPermissions });
/** A text of exactly `bytes` bytes of UTF-8, mostly two-byte characters (Graph counts bytes, not characters). */
const ofBytes = (bytes: number) => "é".repeat(Math.floor(bytes / 2)) + "x".repeat(bytes % 2);

const rules: readonly Rule[] = [
  {
    rule: "a one-on-one chat has exactly two members",
    docs: "§2",
    kind: "Chat",
    allowed: oneOnOne(),
    refused: oneOnOne({ members: [owner(USERS.adele), owner(USERS.u82af), owner(USERS.u8c0a)] }),
    property: "members",
  },
  {
    rule: "a group chat has at least two members",
    docs: "§1",
    kind: "Chat",
    allowed: group(),
    refused: group({ members: [owner(USERS.u8c0a)] }),
    property: "members",
  },
  {
    rule: "only a group chat has a topic",
    docs: "§2",
    kind: "Chat",
    allowed: group({ topic: "Launch" }),
    refused: oneOnOne({ topic: "Launch" }),
    property: "topic",
    // The provider never sends a topic for a one-on-one chat; Graph must refuse one all the same.
    raw: (body, inputs) => ({ ...body, topic: inputs["topic"] }),
  },
  {
    rule: "a topic has at most 250 characters",
    docs: "§3",
    kind: "Chat",
    allowed: group({ topic: "t".repeat(250) }),
    refused: group({ topic: "t".repeat(251) }),
    property: "topic",
  },
  {
    rule: "a topic has no colon",
    docs: "§3",
    kind: "Chat",
    allowed: group({ topic: "Launch - Q3" }),
    refused: group({ topic: "Launch: Q3" }),
    property: "topic",
  },
  {
    rule: "a member's role is owner or guest ('member' is refused)",
    docs: "§2",
    kind: "Chat",
    allowed: group(),
    refused: group({ members: [owner(USERS.u8c0a), { user: USERS.u82fe, roles: ["member"] }] }),
    property: "members[1].roles[0]",
  },
  {
    rule: "a member has exactly one role",
    docs: "§2",
    kind: "Chat",
    allowed: group(),
    refused: group({ members: [owner(USERS.u8c0a), { user: USERS.u82fe, roles: ["owner", "guest"] }] }),
    property: "members[1].roles",
  },
  {
    rule: "a user of another tenant is an owner, with its tenantId",
    docs: "§2",
    kind: "Chat",
    allowed: group({
      members: [owner(USERS.u8c0a), { user: USERS.federated, roles: ["owner"], tenantId: FEDERATED_TENANT }],
    }),
    refused: group({
      members: [owner(USERS.u8c0a), { user: USERS.federated, roles: ["guest"], tenantId: FEDERATED_TENANT }],
    }),
    property: "members[1].roles",
  },
  {
    rule: "a guest of the home tenant has the role guest (who is a guest is in the directory)",
    docs: "§2",
    kind: "Chat",
    allowed: group({ members: [owner(USERS.u8c0a), { user: USERS.guest, roles: ["guest"] }] }),
    refused: group({ members: [owner(USERS.u8c0a), owner(USERS.guest)] }),
    property: null,
  },
  {
    rule: "each person is listed once",
    docs: "§2",
    kind: "Chat",
    allowed: group(),
    refused: group({ members: [owner(USERS.u8c0a), owner(USERS.u82fe), owner(USERS.u8c0a)] }),
    property: "members[2].user",
  },
  {
    rule: "Graph installs at most one app when a chat is created",
    docs: "§2",
    kind: "Chat",
    allowed: group({ installedApps: [{ teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4" }] }),
    refused: group({
      installedApps: [
        { teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4" },
        { teamsAppId: "8e55a7b1-6766-4f0a-8610-ecacfe3d569a" },
      ],
    }),
    property: "installedApps",
  },
  {
    rule: "a group chat has at most 250 members",
    docs: "§2",
    kind: "Chat",
    // The emulator's directory holds a handful of people, so the allowed side is a small group; Graph
    // counts the roster before it looks anyone up, so 251 unknown people are refused for their number.
    allowed: group({ members: [owner(USERS.u8c0a), owner(USERS.u82fe), owner(USERS.u3626)] }),
    refused: group({ members: Array.from({ length: 251 }, (_, i) => owner(`person${i}@contoso.com`)) }),
    property: "members",
  },
  {
    rule: "a topic is not blank",
    docs: "§3",
    kind: "Chat",
    allowed: group({ topic: "." }),
    refused: group({ topic: " \t " }),
    property: "topic",
  },
  {
    rule: "a consent lists each resource-specific permission once",
    docs: "§7",
    kind: "Chat",
    allowed: group({
      installedApps: [{ teamsAppId: APPS.rsc, consentedPermissionSet: rsc(RSC_READ, RSC_MEETING) }],
    }),
    refused: group({
      installedApps: [{ teamsAppId: APPS.rsc, consentedPermissionSet: rsc(RSC_READ, RSC_READ) }],
    }),
    property: "installedApps[0].consentedPermissionSet.resourceSpecificPermissions[1]",
  },
  {
    rule: "every <at id> in the body has a mentions entry",
    docs: "§6",
    kind: "ChatMessage",
    allowed: message('Hi <at id="0">Patti</at>', { mentions: [mention(0)] }),
    refused: message('Hi <at id="0">Patti</at>'),
    property: "mentions",
  },
  {
    rule: "every mentions entry is referenced from the body",
    docs: "§6",
    kind: "ChatMessage",
    allowed: message('Hi <at id="0">Patti</at>', { mentions: [mention(0)] }),
    refused: message('Hi <at id="0">Patti</at>', { mentions: [mention(0), mention(1)] }),
    property: "mentions[1].id",
  },
  {
    rule: "a body with mentions is html",
    docs: "§6",
    kind: "ChatMessage",
    allowed: message('Hi <at id="0">Patti</at>', { mentions: [mention(0)] }),
    refused: {
      body: { contentType: "text", content: 'Hi <at id="0">Patti</at>' },
      mentions: [mention(0)],
    },
    property: "body.contentType",
  },
  {
    rule: "every <attachment id> in the body has an attachment, and every attachment is referenced",
    docs: "§6",
    kind: "ChatMessage",
    allowed: message('<attachment id="c1"></attachment>', { attachments: [card("c1")] }),
    refused: message('<attachment id="c1"></attachment>', { attachments: [card("c2")] }),
    property: "attachments",
  },
  {
    rule: "a message body has at most 28 KiB of UTF-8",
    docs: "§6",
    kind: "ChatMessage",
    allowed: message(ofBytes(28 * 1024)),
    refused: message(ofBytes(28 * 1024 + 1)),
    property: "body.content",
    status: 413,
  },
  {
    rule: "a message body is not blank",
    docs: "§6",
    kind: "ChatMessage",
    allowed: message("."),
    refused: message("   "),
    property: "body.content",
  },
];

const emulator = useEmulatorFor();

/** The failures the provider's `check` reports, as the engine would call it (with a user's token). */
async function checkFailures(kind: Kind, inputs: Record<string, unknown>): Promise<string[]> {
  const r = (await runtime.dispatch(kind, "check", [{}, inputs])) as { failures: { property: string }[] };
  return r.failures.map((f) => f.property);
}

/** A chat id for `check` (messages name their chat); the emulator side makes a real chat. */
const SOME_CHAT = "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2";
const forCheck = (kind: Kind, inputs: Record<string, unknown>) =>
  kind === "ChatMessage" ? { chatId: SOME_CHAT, ...inputs } : inputs;

/** The emulator's status for the request the provider would send for these inputs. */
async function graphStatus(
  raw: Raw,
  kind: Kind,
  inputs: Record<string, unknown>,
  edit: NonNullable<Rule["raw"]> = (b) => b,
): Promise<number> {
  if (kind === "Chat") {
    const body = edit(createBody(GRAPH, inputs as unknown as ChatInputs), inputs);
    return (await raw.call("POST", "/chats", body)).status;
  }
  const who: Who = ADELE;
  const chat = await raw.call(
    "POST",
    "/chats",
    createBody(GRAPH, group({ members: [owner(USERS.adele), owner(USERS.u82af)] }) as unknown as ChatInputs),
    who,
  );
  expect(chat.status).toBe(201);
  const chatId = chat.json["id"] as string;
  const body = edit(messageBody({ chatId, ...inputs } as unknown as ChatMessageInputs), inputs);
  return (await raw.call("POST", `/chats/${encodeURIComponent(chatId)}/messages`, body, who)).status;
}

describe("Graph's rules, checked on both sides", () => {
  // `check` is told the token kind it would get: a signed-in user, so plain messages are allowed.
  const configure = () =>
    runtime.configure({
      get: (k) =>
        ({
          "msteams:graphUrl": emulator().url,
          "msteams:graphAudience": "https://graph.microsoft.com",
          "msteams:authorityHost": emulator().url,
          "msteams:tenantId": "2432b57b-0abd-43db-aa7b-16eadd115d34",
          "msteams:clientId": "5a3e7c61-0b1f-4b5e-9c2d-6f0e8a4b7d21",
          "msteams:username": ADELE.user,
          "msteams:password": "emulator",
        })[k],
    });

  it.each(rules)("$rule ($docs): allowed by check and by Graph", async (r) => {
    configure();
    expect(await checkFailures(r.kind, forCheck(r.kind, r.allowed))).toEqual([]);
    // 201 Created, or 202 Accepted for a chat created with an app (docs/graph-api.md §2).
    expect([201, 202]).toContain(await graphStatus(new Raw(emulator()), r.kind, r.allowed));
  });

  it.each(rules)("$rule ($docs): refused by check and by Graph", async (r) => {
    configure();
    const failures = await checkFailures(r.kind, forCheck(r.kind, r.refused));
    if (r.property === null) expect(failures).toEqual([]);
    else expect(failures).toContain(r.property);
    expect(await graphStatus(new Raw(emulator()), r.kind, r.refused, r.raw)).toBe(r.status ?? 400);
  });
});
