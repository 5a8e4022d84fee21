// What every resource's diff shares: the inputs that replace come from the schema's willReplaceOnChanges
// (generated), so the schema is the one place that says which changes replace an object.
import type { DiffResult } from "./contract";
import { replaceOnChanges } from "./generated/types";

export type ResourceName = keyof typeof replaceOnChanges;

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
  return { changes: true, replaces, deleteBeforeReplace: false };
}
