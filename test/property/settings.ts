// Shared fast-check settings: bounded runs so the suite stays fast, and a failure prints its seed and the
// shrunk counterexample (fast-check's report). FC_SEED replays one failure; FC_RUNS runs more cases.
import type { Parameters } from "fast-check";

const seed = process.env["FC_SEED"];
const runs = process.env["FC_RUNS"];

export const PROPERTY_RUNS: Parameters<unknown> = {
  numRuns: runs ? Number(runs) : 300,
  ...(seed ? { seed: Number(seed) } : {}),
  verbose: 1,
};
