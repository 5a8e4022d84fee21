import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { emptyState, type TenantState } from "./records";

/** The tenant saved by a previous run, or an empty one; a file that cannot be used fails clearly. */
export function readState(path: string | undefined): TenantState {
  if (!path || !existsSync(path)) return emptyState();
  try {
    const s = JSON.parse(readFileSync(path, "utf8")) as TenantState;
    if (!Array.isArray(s.chats) || !Array.isArray(s.operations)) throw new Error("no chats/operations lists");
    return s;
  } catch (e) {
    throw new Error(
      `cannot use the emulator state file ${path}: ${(e as Error).message} (delete it to start empty)`,
    );
  }
}

export function writeState(path: string | undefined, state: TenantState): void {
  if (path) writeFileSync(path, JSON.stringify(state, null, 2));
}
