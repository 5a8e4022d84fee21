// Puts the Azure CLI test double (./az) in front of a test: a PATH that finds it first and an
// AZURE_CONFIG_DIR holding the account an `az login` would have saved (a seeded user of the emulator).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { RunningEmulator } from "../../../emulator";
import { APP, HOME_TENANT } from "../tenant";

/** The directory holding the `az` test double. */
export const FAKE_AZ_DIR = __dirname;

export interface FakeAzLogin {
  /** PATH with the test double first, then the caller's PATH. */
  readonly PATH: string;
  /** Where the double finds the saved login (the real CLI's variable for its config directory). */
  readonly AZURE_CONFIG_DIR: string;
  /** The arguments of each `az` call so far. */
  commands(): string[][];
  /** Forgets the login, as `az logout` would. */
  logout(): void;
  /** Removes the config directory. */
  remove(): void;
}

/** The environment of a machine where `az login` signed `username` in to the emulator's tenant. */
export function fakeAzLogin(
  emu: RunningEmulator,
  username = "adele@contoso.com",
  /** The CLI version to answer as: before 2.54.0 the answer has no `expires_on`, only local-time `expiresOn`. */
  cliVersion?: string,
): FakeAzLogin {
  const dir = mkdtempSync(join(tmpdir(), "msteams-fake-az-"));
  const file = join(dir, "fake-az-login.json");
  // The seed's test password ("emulator"), in a file only this user reads, never on a command line.
  const login = {
    authority: emu.url,
    tenantId: HOME_TENANT,
    clientId: APP.clientId,
    username,
    password: "emulator",
    ...(cliVersion ? { cliVersion } : {}),
  };
  writeFileSync(file, JSON.stringify(login), { mode: 0o600 });
  return {
    PATH: `${FAKE_AZ_DIR}${delimiter}${process.env["PATH"] ?? ""}`,
    AZURE_CONFIG_DIR: dir,
    commands: () => {
      const log = join(dir, "fake-az-commands.log");
      if (!existsSync(log)) return [];
      return readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[]);
    },
    logout: () => rmSync(file, { force: true }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
