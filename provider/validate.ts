import schema from "./generated/schema.json";

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
}

interface PropSchema {
  type?: string;
  $ref?: string;
  items?: PropSchema;
  description?: string;
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
    if (key === "__provider" || key in props) continue;
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
          reason: `must be one of ${allowed.map((a) => `'${a}'`).join(", ")}; got ${show(v)}`,
        });
      }
      return;
    }
    if (typeof v !== "object" || Array.isArray(v)) {
      out.push({ property: path, reason: `must be an object; got ${show(v)}` });
      return;
    }
    walkObject(`${path}.`, t.properties ?? {}, t.required ?? [], v as Record<string, unknown>, out);
    return;
  }
  switch (prop.type) {
    case "string":
      if (typeof v !== "string")
        return void out.push({ property: path, reason: `must be a string; got ${show(v)}` });
      checkString(path, c, v, out);
      return;
    case "array":
      if (!Array.isArray(v))
        return void out.push({ property: path, reason: `must be a list; got ${show(v)}` });
      if (c.minItems !== undefined && v.length < c.minItems) {
        out.push({ property: path, reason: `needs at least ${c.minItems} entries; got ${v.length}` });
      }
      if (c.maxItems !== undefined && v.length > c.maxItems) {
        out.push({ property: path, reason: `allows at most ${c.maxItems} entries; got ${v.length}` });
      }
      v.forEach((item, i) => {
        if (prop.items) walkValue(`${path}[${i}]`, prop.items, item, out);
      });
      return;
    case "boolean":
      if (typeof v !== "boolean")
        out.push({ property: path, reason: `must be true or false; got ${show(v)}` });
      return;
    case "integer":
      if (!Number.isInteger(v))
        out.push({ property: path, reason: `must be a whole number; got ${show(v)}` });
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
    Object.entries(value).map(([k, v]) => [k, props[k] ? canonicalValue(props[k], v) : v]),
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

function checkString(path: string, c: Constraints, v: string, out: CheckFailure[]): void {
  if (c.minLength !== undefined && v.length < c.minLength) {
    out.push({
      property: path,
      reason: v.length === 0 ? "must not be empty" : `needs at least ${c.minLength} characters`,
    });
  }
  if (c.notBlank && v.length > 0 && v.trim() === "")
    out.push({ property: path, reason: "must not be blank (only whitespace)" });
  if (c.maxLength !== undefined && v.length > c.maxLength) {
    out.push({
      property: path,
      reason: `is ${v.length} characters long; Graph allows at most ${c.maxLength}. Shorten it.`,
    });
  }
  if (c.maxBytes !== undefined && Buffer.byteLength(v) > c.maxBytes) {
    out.push({
      property: path,
      reason: `is ${Buffer.byteLength(v)} bytes (UTF-8); Graph allows at most ${c.maxBytes}. Shorten it or split it into several messages.`,
    });
  }
  if (c.pattern !== undefined && v.length > 0 && !new RegExp(c.pattern).test(v)) {
    out.push({
      property: path,
      reason: `must be ${c.patternHint ?? `a value matching ${c.pattern}`}; got ${show(v)}`,
    });
  }
  if (c.format === "date-time" && Number.isNaN(Date.parse(v))) {
    out.push({
      property: path,
      reason: `must be an ISO 8601 date-time such as 2024-01-31T09:00:00Z; got ${show(v)}`,
    });
  }
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
