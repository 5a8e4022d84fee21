import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
    // End-to-end tests run several Pulumi CLI commands each; leave room for a busy 2-core CI machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // End-to-end suites start Pulumi CLI processes; keep them from competing with each other on 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
