// What every resource's diff shares: the inputs that replace come from the schema's willReplaceOnChanges
// (generated), so the schema is the one place that says which changes replace an object.
import type { DiffResult } from "./contract";
import { replaceOnChanges } from "./generated/types";

export type ResourceName = keyof typeof replaceOnChanges;

/**
 * The changed input keys behind each diff result, for a front end that reports a detailed diff (the
 * plugin's DiffResponse lists every changed property and why it replaces). Kept beside the result rather
 * than in it: the dynamic provider protocol has no field for them.
 */
const changedKeys = new WeakMap<DiffResult, readonly string[]>();

/** The input keys a diff result found changed (empty when there are no changes). */
export function changedInputs(r: DiffResult): readonly string[] {
  return changedKeys.get(r) ?? [];
}

/**
 * The engine's answer for the changed input keys: `replaces` holds those the schema marks as replacing,
 * plus `alsoReplacing` (rules the schema cannot state, such as a one-on-one chat's roster).
 */
export function diffResult(
  resource: ResourceName,
  changes: readonly string[],
  alsoReplacing: readonly string[] = [],
): DiffResult {
  if (changes.length === 0) return { changes: false };
  const replacing: readonly string[] = replaceOnChanges[resource];
  const replaces = changes.filter((k) => replacing.includes(k) || alsoReplacing.includes(k));
  const r: DiffResult = { changes: true, replaces, deleteBeforeReplace: false };
  changedKeys.set(r, [...changes]);
  return r;
}
