// Wrong shapes and impossible values fail preview as failures on their properties through the real
// engine: no stack trace from inside the provider, nothing sent to Graph.
import { describe, expect, it } from "vitest";
import { Stack, useEmulator } from "./harness";

const emulator = useEmulator();
const crash = /TypeError|Cannot convert undefined or null to object|\n\s+at \S+ \(/;

describe("bad input through the real engine", () => {
  it("nulls inside lists and an impossible date fail preview on their properties, without a crash", async () => {
    const chat = await new Stack("bad-shapes", emulator()).run("preview", { "e2e:resource": "chat" });
    expect(chat.code).not.toBe(0);
    expect(chat.log).toMatch(/property members\[0\] .*has a problem: must be an object with 'user'/);
    expect(chat.log).toMatch(
      /property installedApps\[0\] .*has a problem: must be an object with 'teamsAppId'/,
    );
    expect(chat.log).toMatch(/visibleHistoryStartDateTime .*is not a calendar date \(2026-02 has 28 days\)/);
    expect(chat.log).not.toMatch(crash);

    const message = await new Stack("bad-shapes", emulator(), "adele").run("preview", {
      "e2e:resource": "message",
    });
    expect(message.code).not.toBe(0);
    expect(message.log).toMatch(/property mentions\[0\] .*has a problem: must be an object/);
    expect(message.log).not.toMatch(/property body /); // one failure, on the wrong value only
    expect(message.log).not.toMatch(crash);
    expect(emulator().requests()).toEqual([]);
  });
});
