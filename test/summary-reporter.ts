// Prints the plain closing line "N passed, N failed" that CI reads, after vitest's own summary. A test
// that did not run because its file failed around it (a beforeAll that threw, an import error) counts as
// failed, not skipped, and so does an error outside any test: nothing that broke may read as a pass.
import type { Reporter, SerializedError, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    for (const m of modules) {
      const broken = m.state() === "failed" || m.errors().length > 0;
      let tests = 0;
      for (const t of m.children.allTests()) {
        tests++;
        const state = t.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed" || broken) counts.failed++;
        else counts.skipped++;
      }
      if (broken && tests === 0) counts.failed++;
    }
    const skipped = counts.skipped ? `, ${counts.skipped} skipped` : "";
    console.log(`\n${counts.passed} passed, ${counts.failed} failed${skipped}`);
  }
}
