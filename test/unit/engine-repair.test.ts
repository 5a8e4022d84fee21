// engine/run.ts repairTruncatedMetadata: the file backend's `.attrs` metadata file that a killed CLI left
// empty or cut short is removed (every command fails on it with "failed to load checkpoint: EOF"); intact
// ones, and the checkpoint itself, are left alone.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { repairTruncatedMetadata } from "../../engine/run";

const dir = mkdtempSync(join(tmpdir(), "msteams-repair-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("removes empty and cut-short .attrs files, nothing else", () => {
  const stacks = join(dir, ".pulumi", "stacks", "proj");
  const locks = join(dir, ".pulumi", "locks", "organization", "proj", "dev");
  mkdirSync(stacks, { recursive: true });
  mkdirSync(locks, { recursive: true });
  const file = (p: string, text: string) => {
    writeFileSync(p, text);
    return p;
  };
  const checkpoint = file(join(stacks, "dev.json"), '{"version":3}');
  const empty = file(join(stacks, "dev.json.attrs"), "");
  const intact = file(join(stacks, "other.json.attrs"), '{"md5":"x"}');
  const cut = file(join(locks, "l.json.attrs"), '{"user.cache_con');
  expect(repairTruncatedMetadata(dir).sort()).toEqual([cut, empty].sort());
  expect([checkpoint, intact].every(existsSync)).toBe(true);
  expect([empty, cut].some(existsSync)).toBe(false);
  expect(repairTruncatedMetadata(dir)).toEqual([]);
  expect(repairTruncatedMetadata(join(dir, "none"))).toEqual([]);
});
