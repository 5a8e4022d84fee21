import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { emptyState, type TenantState } from "./records";

/** Written into every state file, so that no other JSON file is ever taken for one (or overwritten). */
export const STATE_FORMAT = "pulumi-msteams-emulator-state";
const VERSION = 1;

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

/** What is wrong with a parsed file as an emulator state, or undefined when it is one. */
export function stateProblem(raw: unknown): string | undefined {
  if (!isObject(raw)) return "it is not a JSON object";
  // Files written before the format marker hold exactly {chats, operations}; they are still read.
  const legacy = !("format" in raw) && Object.keys(raw).sort().join() === "chats,operations";
  if (!legacy && raw["format"] !== STATE_FORMAT)
    return `it has no "format": "${STATE_FORMAT}" (it was not written by the emulator)`;
  if (!legacy && raw["version"] !== VERSION)
    return `its version ${JSON.stringify(raw["version"])} is not ${VERSION}`;
  const extra = Object.keys(raw).filter((k) => !["format", "version", "chats", "operations"].includes(k));
  if (extra.length) return `it has unexpected keys ${extra.join(", ")}`;
  if (!Array.isArray(raw["chats"]) || !Array.isArray(raw["operations"]))
    return "it has no chats and operations lists";
  for (const [i, c] of raw["chats"].entries()) {
    if (
      !isObject(c) ||
      typeof c["id"] !== "string" ||
      !["oneOnOne", "group"].includes(c["chatType"] as string) ||
      !Array.isArray(c["members"]) ||
      !Array.isArray(c["messages"]) ||
      !Array.isArray(c["installedApps"])
    )
      return `chats[${i}] is not a chat record`;
  }
  for (const [i, o] of raw["operations"].entries())
    if (!isObject(o) || typeof o["id"] !== "string" || typeof o["chatId"] !== "string")
      return `operations[${i}] is not an operation record`;
  return undefined;
}

/**
 * The tenant saved by a previous run, or an empty one when the file does not exist. A file that is not
 * an emulator state (any other JSON, or none) is refused, and then never written either.
 */
export function readState(path: string | undefined): TenantState {
  if (!path || !existsSync(path)) return emptyState();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`--state ${path} is not an emulator state file: ${(e as Error).message}`);
  }
  const problem = stateProblem(raw);
  if (problem)
    throw new Error(
      `--state ${path} is not an emulator state file: ${problem}. It is left as it is; give --state a new path (or a file this emulator wrote).`,
    );
  const { chats, operations } = raw as TenantState;
  return { chats, operations };
}

/** Writes the whole tenant atomically: a temporary file beside it, then a rename over the old one. */
export function writeState(path: string | undefined, state: TenantState): void {
  if (!path) return;
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ format: STATE_FORMAT, version: VERSION, ...state }, null, 2));
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
