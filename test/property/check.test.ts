// Property: whatever a program declares, `check` answers with failures (or none) and never throws, and it
// names each property at most once. Inputs are drawn from the schema itself: at every level a value is
// either of the declared shape (so the walk goes deep) or junk (null, another type, the preview sentinel).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkChat } from "../../provider/chat/check";
import type { CheckEnv, CheckResult } from "../../provider/contract";
import schema from "../../provider/generated/schema.json";
import { installationProvider } from "../../provider/install/provider";
import { checkMessage } from "../../provider/message/check";
import { UNKNOWN } from "../../provider/validate";
import { PROPERTY_RUNS } from "./settings";

interface Prop {
  type?: string;
  $ref?: string;
  items?: Prop;
  language?: { msteams?: { minItems?: number } };
}
interface Type {
  type: string;
  enum?: { value: string }[];
  properties?: Record<string, Prop>;
}
const types = schema.types as unknown as Record<string, Type>;
const inputsOf = (name: string) =>
  (schema.resources as unknown as Record<string, { inputProperties: Record<string, Prop> }>)[
    `msteams:index:${name}`
  ]!.inputProperties;

/** Values of the wrong kind anywhere: what a typo, a missing output or an untyped program can send. */
const junk = fc.oneof(
  fc.constant(null),
  fc.constant(UNKNOWN),
  fc.constant(""),
  fc.constant("   "),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.array(fc.constant(null), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.constant(null), fc.string(), fc.integer()), {
    maxKeys: 3,
  }),
);

/** Strings that look like what the schema wants, or nearly (so patterns, dates and pairings are reached). */
const plausibleString = fc.oneof(
  fc.constantFrom(
    "8b081ef6-4792-4def-b2c9-c363a1bf41d5",
    "adele@contoso.com",
    "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2",
    "ChatMessage.Read.Chat",
    "2024-01-31T09:00:00Z",
    "2026-02-30T00:00:00Z",
    "2024-01-31",
    'Hi <at id="0">Adele</at> <attachment id="c1"></attachment>',
    "Launch: Q3",
  ),
  fc.string({ maxLength: 20 }),
);

const cache = new Map<Prop, fc.Arbitrary<unknown>>();

/** An arbitrary for one schema property: its shape most of the time, junk otherwise, bounded in depth. */
function arbitraryOf(prop: Prop, depth: number): fc.Arbitrary<unknown> {
  const shaped = shapeOf(prop, depth);
  return fc.oneof({ arbitrary: shaped, weight: 3 }, { arbitrary: junk, weight: 1 });
}

function shapeOf(prop: Prop, depth: number): fc.Arbitrary<unknown> {
  if (prop.$ref) {
    const t = types[prop.$ref.replace("#/types/", "")]!;
    if (t.enum) return fc.oneof(fc.constantFrom(...t.enum.map((e) => e.value)), fc.string({ maxLength: 6 }));
    if (depth > 4) return junk;
    return recordOf(t.properties ?? {}, depth + 1);
  }
  if (prop.type === "array") {
    if (!prop.items || depth > 4) return fc.constant([]);
    return fc.array(arbitraryOf(prop.items, depth + 1), { maxLength: 4 });
  }
  if (prop.type === "integer") return fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant("0"));
  if (prop.type === "boolean") return fc.boolean();
  return plausibleString;
}

function recordOf(props: Record<string, Prop>, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const cached = cache.get(props as Prop);
  if (cached) return cached as fc.Arbitrary<Record<string, unknown>>;
  const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, arbitraryOf(p, depth)]));
  const arb = fc.record(model, { requiredKeys: [] });
  if (depth === 0) cache.set(props as Prop, arb);
  return arb;
}

const envs = fc.constantFrom<CheckEnv>(
  { tokenKind: "application" },
  { tokenKind: "delegated" },
  { tokenKind: undefined },
);

/** The result is well formed and names every property at most once. */
function wellFormed(r: CheckResult): void {
  expect(typeof r.inputs).toBe("object");
  for (const f of r.failures) {
    expect(typeof f.property).toBe("string");
    expect(f.reason.length).toBeGreaterThan(0);
  }
  const props = r.failures.map((f) => f.property);
  expect(new Set(props).size).toBe(props.length);
}

const resources: [
  string,
  (olds: Record<string, unknown>, news: Record<string, unknown>, env: CheckEnv) => CheckResult,
][] = [
  ["Chat", checkChat],
  ["ChatMessage", (_olds, news, env) => checkMessage(news, env)],
  ["ChatAppInstallation", (olds, news, env) => installationProvider.check(olds, news, env)],
];

describe("check on random inputs", () => {
  it.each(resources)("%s: never throws and names each property once", (name, check) => {
    const inputs = recordOf(inputsOf(name), 0);
    const stray = fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 2 });
    fc.assert(
      fc.property(inputs, stray, fc.oneof(fc.constant({}), inputs), envs, (news, extra, olds, env) => {
        wellFormed(check(olds, { ...extra, ...news }, env));
      }),
      PROPERTY_RUNS,
    );
  });
});

/** Every path inside a value (object keys and list indexes), the value itself excluded. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...prefix, i], ...paths(x, [...prefix, i])]);
  if (typeof v === "object" && v !== null)
    return Object.entries(v).flatMap(([k, x]) => [[...prefix, k], ...paths(x, [...prefix, k])]);
  return [];
}

/** `v` with the value at each of `at` replaced by the preview's unknown sentinel. */
function withUnknowns(v: unknown, at: readonly (string | number)[][]): Record<string, unknown> {
  const copy = structuredClone(v) as Record<string, unknown>;
  for (const path of at) {
    // A path under a value already made unknown has nothing left to replace.
    let node: unknown = copy;
    for (const step of path.slice(0, -1))
      node =
        typeof node === "object" && node !== null
          ? (node as Record<string | number, unknown>)[step]
          : undefined;
    if (typeof node === "object" && node !== null)
      (node as Record<string | number, unknown>)[path.at(-1)!] = UNKNOWN;
  }
  return copy;
}

const adele = { id: "8b081ef6-4792-4def-b2c9-c363a1bf41d5", displayName: "Adele Vance" };
const valid: [string, Record<string, unknown>, CheckEnv][] = [
  [
    "Chat",
    {
      chatType: "group",
      topic: "Launch",
      members: [
        { user: adele.id, roles: ["owner"], visibleHistoryStartDateTime: "2024-01-31T09:00:00Z" },
        { user: "patti@contoso.com" },
        { user: "bfb5bb25-3a8d-487d-9828-7875ced51a30", roles: ["owner"], tenantId: adele.id },
      ],
      installedApps: [
        {
          teamsAppId: "8e55a7b1-6766-4f0a-8610-ecacfe3d569a",
          consentedPermissionSet: {
            resourceSpecificPermissions: [
              { permissionValue: "ChatMessage.Read.Chat", permissionType: "application" },
              { permissionValue: "ChatMessage.Read.Chat", permissionType: "delegated" },
            ],
          },
        },
      ],
      deletionPolicy: "hide",
    },
    { tokenKind: "delegated" },
  ],
  [
    "ChatMessage",
    {
      chatId: "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2",
      body: { contentType: "html", content: 'Hi <at id="0">Adele</at> <attachment id="c1"></attachment>' },
      importance: "high",
      mentions: [{ id: 0, mentionText: "Adele", mentioned: { user: adele } }],
      attachments: [{ id: "c1", contentType: "application/vnd.microsoft.card.adaptive", content: "{}" }],
    },
    { tokenKind: "delegated" },
  ],
  [
    "ChatMessage",
    {
      chatId: "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2",
      body: { content: "Imported" },
      createdDateTime: "2020-02-29T23:59:59.999+05:30",
      from: { user: adele },
    },
    { tokenKind: "application" },
  ],
  [
    "ChatAppInstallation",
    {
      chatId: "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2",
      teamsAppId: "8e55a7b1-6766-4f0a-8610-ecacfe3d569a",
      consentedPermissionSet: {
        resourceSpecificPermissions: [
          { permissionValue: "ChatMessage.Read.Chat", permissionType: "Application" },
        ],
      },
    },
    { tokenKind: "application" },
  ],
];

describe("check on valid inputs with values the preview does not know yet", () => {
  it.each(valid)("%s: unknowns anywhere, nested or whole, never fail a valid input", (name, inputs, env) => {
    const check = resources.find(([n]) => n === name)![1];
    expect(check({}, inputs, env).failures).toEqual([]);
    fc.assert(
      fc.property(fc.subarray(paths(inputs), { maxLength: 4 }), (at) => {
        expect(check({}, withUnknowns(inputs, at), env).failures).toEqual([]);
      }),
      PROPERTY_RUNS,
    );
  });
});
