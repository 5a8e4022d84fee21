// The create-intent journal: before a create is sent to Graph, a small file records that this stack's
// resource is being created and when; the file goes once the engine's state is known to hold the resource
// (the next check sees it among the olds) or the resource is deleted. The provider cannot know when the
// engine has saved an answer, so a create that returned keeps its entry (with the id) until then. A run
// killed in between leaves the file behind, and the next create of the same resource reconciles it like
// an ambiguous failure (graph/once.ts): it looks for what the killed run made since the recorded time
// instead of making a second one. Where it lives and what happens without it: docs/interruption.md.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Attempt } from "./graph/clock";

/**
 * The hidden input that names a resource for the journal: `<project>/<stack>/<logical name>`, set by the
 * generated resource classes. Diffs never look at it; check lets it through.
 */
export const JOURNAL_INPUT = "__journal";

/** The folder of the journal: MSTEAMS_JOURNAL_DIR, else `.pulumi-msteams/journal` in the program's folder. */
export function journalDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env["MSTEAMS_JOURNAL_DIR"] || join(".pulumi-msteams", "journal"));
}

/** One resource's create, as the journal knows it. */
export interface CreateIntent {
  /** The attempt of an earlier run that never finished, on this process's clocks; undefined if none. */
  readonly pending: Attempt | undefined;
  /** Records that the create is about to be sent (the first attempt). */
  record(first: Attempt): void;
  /** The create made `id` (it stays until the engine's state is seen to hold it, or it is deleted). */
  made(id: string): void;
  /** The create made nothing: the record goes. */
  done(): void;
}

interface Entry {
  readonly kind: string;
  readonly key: string;
  /** When the first attempt left, on this machine's wall clock (ms since the epoch). */
  readonly at: number;
  /** What the create made, once it returned. */
  readonly id?: string;
}

/** The journal key of a resource's inputs, or undefined (a resource declared by an older version). */
export function journalKey(inputs: unknown): string | undefined {
  const k = (inputs as Record<string, unknown> | undefined)?.[JOURNAL_INPUT];
  return typeof k === "string" && k !== "" ? k : undefined;
}

const hashOf = (kind: string, s: string) =>
  createHash("sha256").update(`${kind}\0${s}`).digest("hex").slice(0, 32);
/** The entry of a resource, named by its key. */
const fileOf = (dir: string, kind: string, key: string) => join(dir, `${hashOf(kind, key)}.json`);
/** Once the create made an id, a second file named by the id holds the entry's name (for delete). */
const linkOf = (dir: string, kind: string, id: string) => join(dir, `${hashOf(kind, id)}.id`);

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * The journal entry of one create. `warn` hears of a journal that cannot be written (the create then goes
 * on unprotected: a read-only folder must not stop a deployment).
 */
export function intentFor(
  kind: string,
  inputs: unknown,
  warn: (m: string) => void,
  dir: string = journalDir(),
): CreateIntent | undefined {
  const key = journalKey(inputs);
  if (key === undefined) return undefined;
  const file = fileOf(dir, kind, key);
  const entry = readEntry(file, kind, key);
  let at = entry?.at;
  const write = (e: Entry) => {
    try {
      mkdirSync(dir, { recursive: true });
      writeAtomically(file, `${JSON.stringify(e)}\n`);
      if (e.id !== undefined) writeAtomically(linkOf(dir, kind, e.id), basename(file));
    } catch (err) {
      warn(
        `cannot write the create journal in ${dir} (${(err as Error).message}): if this run is killed before ` +
          `${kind} '${key}' is recorded, the next run may create it a second time. Set MSTEAMS_JOURNAL_DIR to a writable folder.`,
      );
    }
  };
  return {
    // The recorded wall time, carried over to this process's monotonic clock (graph/clock.ts reads
    // Graph's clock relative to it).
    pending: entry && { wall: entry.at, mono: performance.now() - (Date.now() - entry.at) },
    record(first) {
      if (at !== undefined) return; // the earliest attempt stays the bound
      at = first.wall;
      write({ kind, key, at });
    },
    made(id) {
      if (at !== undefined) write({ kind, key, at, id });
    },
    done: () => rmSync(file, { force: true }),
  };
}

/** Removes a resource's entry (its create is recorded in the engine's state). */
export function clearIntent(kind: string, inputs: unknown, dir: string = journalDir()): void {
  const key = journalKey(inputs);
  if (key === undefined) return;
  const file = fileOf(dir, kind, key);
  const id = readEntry(file, kind, key)?.id;
  if (id !== undefined) rmSync(linkOf(dir, kind, id), { force: true });
  rmSync(file, { force: true });
}

/** Removes the entry of a deleted resource, found by the id its create recorded. */
export function clearMade(kind: string, id: string, dir: string = journalDir()): void {
  const link = linkOf(dir, kind, id);
  let name: string;
  try {
    name = readFileSync(link, "utf8").trim();
  } catch {
    return; // none: the entry was cleared by a check, or there is no journal
  }
  const file = join(dir, basename(name));
  try {
    if ((JSON.parse(readFileSync(file, "utf8")) as Partial<Entry>).id === id) rmSync(file, { force: true });
  } catch {
    // gone already, or not an entry
  }
  rmSync(link, { force: true });
}

function readEntry(file: string, kind: string, key: string): Entry | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const e = JSON.parse(text) as Partial<Entry>;
    return e.kind === kind && e.key === key && typeof e.at === "number" && Number.isFinite(e.at)
      ? (e as Entry)
      : undefined;
  } catch {
    return undefined; // a torn or foreign file: treated as absent (the record is written by rename)
  }
}
