// The emulator as users start it (`npm run emulator -- --port … --seed …`): the compiled CLI in its own
// process. `npm test` builds dist/ before vitest runs.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultSeedPath } from "../../emulator";
import { APP, HOME_TENANT } from "./helpers";

const CLI = join(__dirname, "..", "..", "emulator", "dist", "cli.js");
const children: ChildProcess[] = [];
let dir: string;

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: readonly string[]): { child: ChildProcess; out: () => string; ended: Promise<Ended> } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does)`);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const ended = new Promise<Ended>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, out: () => stdout, ended };
}

/** The banner's last line, or the process's end if it dies first. */
async function banner(p: ReturnType<typeof start>): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (p.out().includes("Ctrl+C stops it.")) resolve(p.out());
    };
    p.child.stdout!.on("data", check);
    check();
    void p.ended.then((e) =>
      reject(new Error(`the emulator exited (${e.code}) before its banner:\n${e.stderr}`)),
    );
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "msteams-cli-"));
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("emulator CLI", () => {
  it("--port 0 --seed <file>: prints a banner with its URL, serves tokens and Graph from that seed, stops on SIGTERM", async () => {
    const seed = join(dir, "seed.yaml");
    writeFileSync(
      seed,
      readFileSync(defaultSeedPath, "utf8").replace("Adele Vance", "Adele From The CLI Seed"),
    );
    const p = start(["--port", "0", "--seed", seed]);
    const text = await banner(p);
    const url = /^pulumi-msteams Graph emulator on (https:\/\/127\.0\.0\.1:(\d+))$/m.exec(text);
    expect(url).not.toBeNull();
    expect(Number(url![2])).toBeGreaterThan(0);
    expect(text).toContain(`tokens:     POST ${url![1]}/${HOME_TENANT}/oauth2/v2.0/token`);
    expect(text).toContain(`client_id=${APP.clientId}`);

    const tokenRes = await fetch(`${url![1]}/${HOME_TENANT}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: APP.clientId,
        client_secret: APP.secret,
        scope: "https://graph.microsoft.com/.default",
      }),
    });
    expect(tokenRes.status).toBe(200);
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const user = await fetch(`${url![1]}/v1.0/users/adele@contoso.com`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(user.status).toBe(200);
    expect(await user.json()).toMatchObject({ displayName: "Adele From The CLI Seed" });

    p.child.kill("SIGTERM");
    const end = await p.ended;
    expect(end.code).toBe(0);
    expect(end.stdout).toContain("SIGTERM: stopping the emulator");
  });

  it("the banner links the web view and prints the admin token, which state-changing calls need", async () => {
    const p = start(["--port", "0"]);
    const text = await banner(p);
    expect(text).not.toContain("WARNING");
    const url = /^pulumi-msteams Graph emulator on (https:\/\/127\.0\.0\.1:\d+)$/m.exec(text)![1]!;
    expect(text).toContain(`web view:   ${url}/_emulator/`);
    const token = /admin token .*: (\S+)$/m.exec(text)![1]!;
    const reset = (authorization: string) =>
      fetch(`${url}/_emulator/reset`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: "{}",
      });
    expect((await reset("Bearer not-it")).status).toBe(401);
    expect((await reset(`Bearer ${token}`)).status).toBe(204);
    expect((await fetch(`${url}/_emulator/`)).headers.get("content-security-policy")).toMatch(
      /script-src 'self'/,
    );
  });

  it("--host 0.0.0.0 starts with a warning that says what anyone on the network can do", async () => {
    const p = start(["--port", "0", "--host", "0.0.0.0"]);
    const text = await banner(p);
    expect(text).toMatch(
      /^WARNING: listening on 0\.0\.0\.0, not on loopback\. Anyone who can reach this address/,
    );
    expect(text).toMatch(
      /get tokens\s+with the seeded credentials printed below, read every chat and message/,
    );
    const port = /on https:\/\/0\.0\.0\.0:(\d+)$/m.exec(text)![1]!;
    expect((await fetch(`https://127.0.0.1:${port}/_emulator/state`)).status).toBe(200);
  });

  it("--state naming a file that is not an emulator state → exit 1, the file untouched", async () => {
    const other = join(dir, "package.json");
    writeFileSync(other, '{"name":"mine","chats":[],"operations":[]}');
    const end = await start(["--port", "0", "--state", other]).ended;
    expect(end.code).toBe(1);
    expect(end.stderr).toMatch(/--state .*package\.json is not an emulator state file: it has no "format"/);
    expect(readFileSync(other, "utf8")).toBe('{"name":"mine","chats":[],"operations":[]}');
  });

  it("--throttle scaled:10: Graph's per-chat limit on a clock ten times faster (429 with a fractional Retry-After)", async () => {
    const p = start(["--port", "0", "--throttle", "scaled:10"]);
    const text = await banner(p);
    expect(text).toContain('throttling: "scaled:10"');
    const base = /^pulumi-msteams Graph emulator on (\S+)$/m.exec(text)![1]!;
    const tokenRes = await fetch(`${base}/${HOME_TENANT}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: APP.clientId,
        client_secret: APP.secret,
        scope: "https://graph.microsoft.com/.default",
      }),
    });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const get = () =>
      fetch(`${base}/v1.0/chats/19:nochat@thread.v2`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
    expect((await get()).status).toBe(404); // counted all the same: Graph throttles before it looks
    const second = await get();
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(second.headers.get("retry-after"))).toBeLessThanOrEqual(0.1);
  });

  it("--print-config prints only the pulumi config set lines of one identity, and exits", async () => {
    const user = await start(["--print-config", "--port", "8123"]).ended;
    expect(user.code).toBe(0);
    expect(user.stdout.trim().split("\n")).toEqual([
      // The suite's emulators serve the test CA (MSTEAMS_EMULATOR_TLS_*), so that is what clients must trust.
      `export NODE_EXTRA_CA_CERTS=${process.env["MSTEAMS_EMULATOR_TLS_CA"]}`,
      "pulumi config set msteams:graphUrl https://127.0.0.1:8123",
      "pulumi config set msteams:graphAudience https://graph.microsoft.com",
      "pulumi config set msteams:authorityHost https://127.0.0.1:8123",
      `pulumi config set msteams:tenantId ${HOME_TENANT}`,
      `pulumi config set msteams:clientId ${APP.clientId}`,
      "pulumi config set msteams:username adele@contoso.com",
      "printf '%s' emulator | pulumi config set --secret msteams:password",
    ]);
    const app = await start(["--print-config", "application", "--port", "8123"]).ended;
    expect(app.stdout.trim().split("\n").at(-1)).toBe(
      `printf '%s' ${APP.secret} | pulumi config set --secret msteams:clientSecret`,
    );
    const plain = await start(["--print-config", "--plain-http", "--port", "8123"]).ended;
    expect(plain.stdout).not.toContain("NODE_EXTRA_CA_CERTS");
    expect(plain.stdout).toContain("msteams:graphUrl http://127.0.0.1:8123\n");
    const bad = await start(["--print-config", "admin"]).ended;
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^--print-config takes delegated or application; got 'admin'/);
  });

  it("the banner starts with the config lines for a user and for the app, with its real port", async () => {
    const text = await banner(start(["--port", "0"]));
    const url = /^pulumi-msteams Graph emulator on (\S+)$/m.exec(text)![1]!;
    const [user, app] = text.split("or as the app itself");
    expect(user).toContain(`  pulumi config set msteams:graphUrl ${url}\n`);
    expect(user).toContain("msteams:username adele@contoso.com");
    expect(app).toContain(`| pulumi config set --secret msteams:clientSecret`);
  });

  // Arguments are built from the test's folder, where the broken seeds are written.
  it.each<[string, (d: string) => string[], RegExp]>([
    [
      "an unknown flag",
      () => ["--bogus"],
      /^Unknown option '--bogus'.*\nusage: pulumi-msteams-emulator \[--port 8080\]/s,
    ],
    [
      "a port that is not a number",
      () => ["--port", "eighty"],
      /^--port must be a whole number ≥ 0; got 'eighty'\nusage:/,
    ],
    [
      "a throttle mode that does not exist",
      () => ["--throttle", "scaled:fast"],
      /^--throttle: .*throttle must be "off", "realistic", "scaled:<factor>".*got "scaled:fast"\.\nusage:/,
    ],
    [
      "a missing seed file",
      (d) => ["--seed", join(d, "missing.yaml")],
      /^cannot read the emulator seed .*missing\.yaml: ENOENT/,
    ],
    [
      "a seed that is not YAML",
      (d) => ["--seed", join(d, "broken.yaml")],
      /^the emulator seed .*broken\.yaml is not valid YAML/,
    ],
    [
      "a seed with the wrong shape",
      (d) => ["--seed", join(d, "shape.yaml")],
      /shape\.yaml: invalid emulator seed:\n {2}- users must be a list\n/,
    ],
  ])("%s → a clear message on stderr and exit code 1, no banner", async (_n, args, message) => {
    writeFileSync(join(dir, "broken.yaml"), "tenants: [\n");
    writeFileSync(join(dir, "shape.yaml"), "tenants: []\nusers: 3\n");
    const end = await start(["--port", "0", ...args(dir)]).ended;
    expect(end.code).toBe(1);
    expect(end.stderr).toMatch(message);
    expect(end.stdout).toBe("");
  });
});
