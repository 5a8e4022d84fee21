// Bad inputs fail before Graph; secrets never reach the state in plain text.
import { describe, expect, it } from "vitest";
import { APP } from "../support/tenant";
import { Stack, useEmulator } from "./harness";

const emulator = useEmulator();

describe("safety through the real engine", () => {
  it("a topic on a one-on-one chat fails preview with the property and the reason; nothing reaches the emulator", async () => {
    const r = await new Stack("bad", emulator()).run("preview");
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(/property topic value \{Hello\} has a problem/);
    expect(r.log).toMatch(/only allowed on group chats: remove it, or set chatType to 'group'/);
    expect(emulator().requests()).toEqual([]);
  });

  it("with msteams:clientSecret set as a secret, the exported stack holds it nowhere in plain text", async () => {
    const s = new Stack("chats", emulator());
    await s.ok("up");
    const exported = JSON.stringify((await s.ok("export")).deployment);
    expect(exported).toContain("__provider"); // the serialized provider is there...
    expect(exported).toContain("pulumi-msteams/runtime"); // ...as the thin shim
    expect(exported).toContain("ciphertext"); // the secret config is stored encrypted...
    expect(exported).not.toContain(APP.secret); // ...and appears nowhere in plain text
    expect(s.stateFiles()).not.toContain(APP.secret); // not in the files of the backend either
    await s.ok("destroy");
    s.dispose();
  });
});
