import schema from "./generated/schema.json";
import { JOURNAL_INPUT } from "./journal";

/** A check failure as the dynamic-provider contract returns it. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** The value the engine sends for inputs not known during preview (possibly nested). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const isUnknown = (v: unknown): boolean => v === UNKNOWN;

/** Whether a value is fully known (no unknown sentinel anywhere inside). */
export function isKnown(v: unknown): boolean {
  if (isUnknown(v)) return false;
  if (Array.isArray(v)) return v.every(isKnown);
  if (typeof v === "object" && v !== null) return Object.values(v).every(isKnown);
  return true;
}

interface Constraints {
  minLength?: number;
  maxLength?: number;
  /** Size limit in UTF-8 bytes, as Graph measures message bodies (not characters). */
  maxBytes?: number;
  pattern?: string;
  patternHint?: string;
  minItems?: number;
  maxItems?: number;
  /** Checked by resource rules only on create (e.g. one app at chat creation). */
  maxItemsAtCreation?: number;
  format?: string;
  /** Whitespace-only strings are rejected (Graph refuses empty message bodies). */
  notBlank?: boolean;
  /** List entries (objects) that agree on these keys, compared without case, are duplicates. */
  uniqueBy?: string[];
  /** Free text that may be confidential (a message, a topic): failures describe it, never quote it. */
  redact?: boolean;
}

interface PropSchema {
  type?: string;
  $ref?: string;
  items?: PropSchema;
  description?: string;
  /** A secret input: failures never quote its value. */
  secret?: boolean;
  language?: { msteams?: Constraints };
}

interface TypeSchema {
  type: string;
  enum?: { value: string }[];
  /** `caseInsensitive`: an enum whose values match in any case (Graph's docs write "Application"). */
  language?: { msteams?: { caseInsensitive?: boolean } };
  properties?: Record<string, PropSchema>;
  required?: string[];
}

const types = schema.types as unknown as Record<string, TypeSchema>;
type ResourceName = keyof typeof schema.resources extends `msteams:index:${infer N}` ? N : never;

export function resourceSchema(name: ResourceName): {
  inputProperties: Record<string, PropSchema>;
  requiredInputs: string[];
} {
  const r = (schema.resources as Record<string, unknown>)[`msteams:index:${name}`] as {
    inputProperties: Record<string, PropSchema>;
    requiredInputs?: string[];
  };
  return { inputProperties: r.inputProperties, requiredInputs: r.requiredInputs ?? [] };
}

/** Constraints of an input property (for resource-specific rules such as "at creation"). */
export function constraintsOf(name: ResourceName, property: string): Constraints {
  return resourceSchema(name).inputProperties[property]?.language?.msteams ?? {};
}

/**
 * One failure per property: a resource rule is more specific than the schema's on the same property, so
 * it replaces the schema's failure there, and of several rules on one property the first is kept.
 */
export function oneEach(
  schemaFailures: readonly CheckFailure[],
  rules: readonly CheckFailure[],
): CheckFailure[] {
  const covered = new Set(rules.map((f) => f.property));
  const seen = new Set<string>();
  return [...schemaFailures.filter((f) => !covered.has(f.property)), ...rules].filter((f) => {
    if (seen.has(f.property)) return false;
    seen.add(f.property);
    return true;
  });
}

/** Whether any failure names `list`'s entries (or what is inside them): rules on the list then wait. */
export const failsInside = (failures: readonly CheckFailure[], list: string): boolean =>
  failures.some((f) => f.property.startsWith(`${list}[`));

/** Validates inputs against the schema: types, enums, required keys, unknown keys and Graph's limits. */
export function validateInputs(name: ResourceName, inputs: Record<string, unknown>): CheckFailure[] {
  const { inputProperties, requiredInputs } = resourceSchema(name);
  const failures: CheckFailure[] = [];
  walkObject("", inputProperties, requiredInputs, inputs, failures);
  return failures;
}

function walkObject(
  prefix: string,
  props: Record<string, PropSchema>,
  required: readonly string[],
  value: Record<string, unknown>,
  out: CheckFailure[],
): void {
  for (const key of Object.keys(value)) {
    if (key === "__provider" || (prefix === "" && key === JOURNAL_INPUT) || Object.hasOwn(props, key))
      continue;
    out.push({
      property: prefix + key,
      reason: `unknown property '${key}'; expected one of: ${Object.keys(props).join(", ")}`,
    });
  }
  for (const [key, prop] of Object.entries(props)) {
    const v = value[key];
    const path = prefix + key;
    if (v === undefined || v === null) {
      if (required.includes(key))
        out.push({ property: path, reason: `is required: ${prop.description ?? ""}`.trim() });
      continue;
    }
    walkValue(path, prop, v, out);
  }
}

function walkValue(path: string, prop: PropSchema, v: unknown, out: CheckFailure[]): void {
  if (isUnknown(v)) return;
  const c = prop.language?.msteams ?? {};
  if (prop.$ref) {
    const t = types[prop.$ref.replace("#/types/", "")];
    if (!t) return;
    if (t.enum) {
      const allowed = t.enum.map((e) => e.value);
      if (typeof v !== "string" || enumValue(t, v) === undefined) {
        out.push({
          property: path,
          reason: `must be one of ${allowed.map((a) => `'${a}'`).join(", ")}; got ${show(v, prop)}`,
        });
      }
      return;
    }
    if (!isRecord(v)) {
      out.push({
        property: path,
        reason: `must be an object with ${(t.required ?? Object.keys(t.properties ?? {})).map((k) => `'${k}'`).join(", ")}; got ${show(v, prop)}. Remove the entry or fill it in`,
      });
      return;
    }
    walkObject(`${path}.`, t.properties ?? {}, t.required ?? [], v, out);
    return;
  }
  switch (prop.type) {
    case "string":
      if (typeof v !== "string")
        return void out.push({ property: path, reason: `must be a string; got ${show(v, prop)}` });
      checkString(path, c, v, prop, out);
      return;
    case "array":
      if (!Array.isArray(v))
        return void out.push({ property: path, reason: `must be a list; got ${show(v, prop)}` });
      if (c.minItems !== undefined && v.length < c.minItems) {
        out.push({ property: path, reason: `needs at least ${c.minItems} entries; got ${v.length}` });
      }
      if (c.maxItems !== undefined && v.length > c.maxItems) {
        out.push({
          property: path,
          reason: `allows at most ${c.maxItems} entries; got ${v.length}. Remove ${v.length - c.maxItems}`,
        });
      }
      v.forEach((item, i) => {
        if (prop.items) walkValue(`${path}[${i}]`, prop.items, item, out);
      });
      if (c.uniqueBy) out.push(...duplicates(path, c.uniqueBy, v));
      return;
    case "boolean":
      if (typeof v !== "boolean")
        out.push({ property: path, reason: `must be true or false; got ${show(v, prop)}` });
      return;
    case "integer":
      if (!Number.isInteger(v))
        out.push({ property: path, reason: `must be a whole number; got ${show(v, prop)}` });
      return;
    default:
      return;
  }
}

/** The schema's spelling of an enum value, or undefined when `v` is not one of them. */
function enumValue(t: TypeSchema, v: string): string | undefined {
  const values = (t.enum ?? []).map((e) => e.value);
  if (!t.language?.msteams?.caseInsensitive) return values.includes(v) ? v : undefined;
  return values.find((a) => a.toLowerCase() === v.toLowerCase());
}

/**
 * The inputs with every case-insensitive enum value in the schema's spelling, so state and diffs never
 * see "Application" and "application" as different. Invalid or unknown values are left for validation.
 */
export function canonicalInputs(
  name: ResourceName,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  return canonicalObject(resourceSchema(name).inputProperties, inputs);
}

function canonicalObject(props: Record<string, PropSchema>, value: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, Object.hasOwn(props, k) ? canonicalValue(props[k]!, v) : v]),
  );
}

function canonicalValue(prop: PropSchema, v: unknown): unknown {
  if (Array.isArray(v) && prop.items) return v.map((item) => canonicalValue(prop.items!, item));
  const t = prop.$ref ? types[prop.$ref.replace("#/types/", "")] : undefined;
  if (!t || isUnknown(v)) return v;
  if (t.enum) return typeof v === "string" ? (enumValue(t, v) ?? v) : v;
  if (typeof v === "object" && v !== null && !Array.isArray(v))
    return canonicalObject(t.properties ?? {}, v as Record<string, unknown>);
  return v;
}

/** The first broken limit of a string: one failure per wrong value, however many limits it breaks. */
function checkString(path: string, c: Constraints, v: string, prop: PropSchema, out: CheckFailure[]): void {
  const reason = stringProblem(c, v, prop);
  if (reason !== undefined) out.push({ property: path, reason });
}

function stringProblem(c: Constraints, v: string, prop: PropSchema): string | undefined {
  if (c.minLength !== undefined && v.length < c.minLength)
    return v.length === 0 ? "must not be empty" : `needs at least ${c.minLength} characters`;
  if (c.notBlank && v.trim() === "")
    return v.length === 0
      ? "must not be empty"
      : "must not be blank (only whitespace); write some text or remove it";
  if (c.maxLength !== undefined && v.length > c.maxLength)
    return `is ${v.length} characters long; Graph allows at most ${c.maxLength}. Shorten it.`;
  if (c.maxBytes !== undefined && Buffer.byteLength(v) > c.maxBytes)
    return `is ${Buffer.byteLength(v)} bytes (UTF-8); Graph allows at most ${c.maxBytes}. Shorten it or split it into several messages.`;
  if (c.pattern !== undefined && v.length > 0 && !new RegExp(c.pattern).test(v))
    return `must be ${c.patternHint ?? `a value matching ${c.pattern}`}; got ${show(v, prop)}`;
  if (c.format === "date-time") return dateTimeProblem(v, prop);
  return undefined;
}

/**
 * Graph's DateTimeOffset: an ISO 8601 date and time with its offset (`Z` or `±hh:mm`), on a real
 * calendar day. `Date.parse` is not used: it accepts other shapes and rolls 2026-02-30 over into March.
 * https://learn.microsoft.com/graph/api/resources/chatmessage (createdDateTime: "ISO 8601 format, always
 * in UTC time"), https://learn.microsoft.com/graph/api/resources/conversationmember
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

function dateTimeProblem(v: string, prop: PropSchema): string | undefined {
  const m = ISO_DATE_TIME.exec(v);
  const example = "such as 2024-01-31T09:00:00Z or 2024-01-31T10:00:00+01:00";
  if (!m) return `must be an ISO 8601 date-time with its offset, ${example}; got ${show(v, prop)}`;
  const [y, mo, d, h, mi, s, oh, om] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const days = [31, isLeap(y!) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo! - 1];
  if (days === undefined || d! < 1 || d! > days)
    return `is not a calendar date (${m[1]}-${m[2]} has ${days ?? "no"} days); got ${show(v, prop)}`;
  if (h! > 23 || mi! > 59 || s! > 59 || oh! > 14 || om! > 59)
    return `has an impossible time of day or offset (hours 00-23, minutes and seconds 00-59, offset at most ±14:00); got ${show(v, prop)}`;
  return undefined;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Later entries of a list that repeat an earlier one on `keys` (case-insensitive); unknown entries pass. */
function duplicates(path: string, keys: readonly string[], list: readonly unknown[]): CheckFailure[] {
  const out: CheckFailure[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    if (!isRecord(item) || !isKnown(item)) return;
    const values = keys.map((k) => item[k]);
    if (values.some((x) => typeof x !== "string")) return;
    const key = JSON.stringify(values.map((x) => (x as string).toLowerCase()));
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    out.push({
      property: `${path}[${i}]`,
      reason: `repeats ${path}[${first}] (same ${keys.join(" and ")}); Graph refuses duplicates, list each once`,
    });
  });
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A given value for a failure's text. Free text that may be confidential (and any object holding some,
 * such as a message body given as a plain string) is described by its shape, never quoted: the engine
 * prints failures, and it cannot tell this provider which inputs the program marked secret.
 */
function show(v: unknown, prop?: PropSchema): string {
  if (prop && redacts(prop, 0)) return describe(v);
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch {
    s = undefined; // a value JSON cannot write (a bigint, a cycle): its type is enough
  }
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function redacts(prop: PropSchema, depth: number): boolean {
  if (prop.secret || prop.language?.msteams?.redact) return true;
  if (depth > 3) return false;
  if (prop.items) return redacts(prop.items, depth + 1);
  const t = prop.$ref ? types[prop.$ref.replace("#/types/", "")] : undefined;
  return Object.values(t?.properties ?? {}).some((p) => redacts(p, depth + 1));
}

function describe(v: unknown): string {
  if (typeof v === "string") return `a text of ${v.length} characters (not shown)`;
  if (Array.isArray(v)) return `a list of ${v.length} entries (not shown)`;
  if (isRecord(v)) return `an object (not shown) with ${Object.keys(v).length} keys`;
  return v === null || typeof v === "number" || typeof v === "boolean" ? String(v) : typeof v;
}
