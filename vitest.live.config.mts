import { defineConfig } from "vitest/config";

// npm run test:live: the provider against a real tenant (see README). Not part of npm test.
export default defineConfig({
  test: {
    include: ["test/live/**/*.live.ts"],
    globalSetup: ["test/live/setup.ts"],
    testTimeout: 300_000,
    fileParallelism: false,
  },
});
