// The engine runner's secrets: from the environment or a file, never from argv; an empty passphrase with
// a remote tenant is warned about.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { passphraseWarning, secretFromEnv, secretFromFile } from "../../engine/run";

const CLI = join(__dirname, "..", "..", "dist", "engine", "cli.js");

describe("engine runner secrets", () => {
  it("--secret key=value is refused with the alternatives (before anything runs)", () => {
    let err = "";
    try {
      execFileSync(process.execPath, [CLI, "up", "--dir", ".", "--secret", "msteams:clientSecret=x"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      err = String((e as { stderr?: string }).stderr);
    }
    expect(err).toMatch(
      /puts the secret on the command line.*--secret-env key=ENV_VAR or --secret-file key=path/,
    );
  });

  it("a secret from an environment variable or a one-line file; a missing one is an error naming it", () => {
    expect(secretFromEnv("msteams:clientSecret", "MY_SECRET", { MY_SECRET: "s3" })).toEqual({
      key: "msteams:clientSecret",
      value: "s3",
      secret: true,
    });
    expect(() => secretFromEnv("msteams:clientSecret", "NOPE", {})).toThrow(/NOPE is not set/);
    const dir = mkdtempSync(join(tmpdir(), "msteams-secret-"));
    try {
      writeFileSync(join(dir, "s"), "from-file\n");
      expect(secretFromFile("msteams:password", join(dir, "s")).value).toBe("from-file");
      writeFileSync(join(dir, "two"), "a\nb\n");
      expect(() => secretFromFile("k", join(dir, "two"))).toThrow(/must be one line/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an empty passphrase is warned about for a remote Graph, not for the emulator on this machine", () => {
    const remote = [{ key: "msteams:graphUrl", value: "https://graph.microsoft.com", secret: false }];
    const local = [{ key: "msteams:graphUrl", value: "https://127.0.0.1:8443", secret: false }];
    expect(passphraseWarning(remote, { PULUMI_CONFIG_PASSPHRASE: "" })).toMatch(
      /PULUMI_CONFIG_PASSPHRASE is empty/,
    );
    expect(passphraseWarning([], {})).toMatch(/graph\.microsoft\.com/);
    expect(passphraseWarning(local, {})).toBeUndefined();
    expect(passphraseWarning(remote, { PULUMI_CONFIG_PASSPHRASE: "long passphrase" })).toBeUndefined();
    expect(passphraseWarning(remote, { PULUMI_CONFIG_PASSPHRASE_FILE: "/run/secrets/p" })).toBeUndefined();
  });
});
