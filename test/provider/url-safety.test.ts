// Where tokens and secrets may go: a Graph token only over https (or http to this machine) and only to a
// Graph cloud unless msteams:graphAudience opts a host in; secrets only to an https authority, and never
// on to where a redirect points.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, configureProvider, graphRequests, useProviderEmulator } from "../support/provider";
import { APP, HOME_TENANT, USERS } from "../support/tenant";

const emulator = useProviderEmulator();
const group = {
  chatType: "group",
  topic: "Safety",
  members: [USERS.u8c0a, USERS.u82fe].map((user) => ({ user, roles: ["owner"] })),
  __provider: "serialized-shim",
};
const failure = (p: Promise<unknown>) =>
  p.then(
    () => Error("expected a failure"),
    (e: unknown) => e as Error,
  );
/** A configuration mistake is a check failure (not a thrown error): its text, or "" when check passed. */
const checkFailure = async (p: Promise<unknown>) => {
  const r = (await p) as { failures: { property: string; reason: string }[] };
  return { message: r.failures.map((f) => f.reason).join("\n") };
};

describe("URLs are checked before any token is requested", () => {
  it.each([
    [
      "msteams:graphUrl",
      "http://graph.microsoft.com",
      /msteams:graphUrl .*uses http:\/\/ for a host that is not this machine/,
    ],
    [
      "msteams:graphUrl",
      "http://graph.microsoft.com.attacker.example",
      /msteams:graphUrl .*uses http:\/\/ for a host that is not this machine/,
    ],
    [
      "msteams:authorityHost",
      "http://login.microsoftonline.com",
      /msteams:authorityHost .*must use https:\/\//,
    ],
    ["msteams:authorityHost", "http://127.0.0.1:9", /msteams:authorityHost .*must use https:\/\//],
  ])("%s = %s: check fails naming the key; nothing is sent anywhere", async (key, value, message) => {
    configureProvider(emulator(), { kind: "app" }, { [key]: value });
    const err = await checkFailure(call("check", {}, group));
    expect(err.message).toMatch(message);
    expect(emulator().requests()).toEqual([]);
  });

  it("the emulator's https URL without msteams:graphAudience: check fails saying how to opt in", async () => {
    configureProvider(emulator(), { kind: "app" }, { "msteams:graphAudience": "" });
    const err = await checkFailure(call("check", {}, group));
    expect(err.message).toMatch(
      /is not one of Microsoft Graph's clouds.*pulumi config set msteams:graphAudience/,
    );
    expect(emulator().requests()).toEqual([]);
  });
});

describe("a redirecting token endpoint gets no second request with the secret", () => {
  let redirector: Server;
  let url = "";
  const seen: { method: string; path: string; body: string }[] = [];
  beforeAll(async () => {
    // An authority whose OpenID configuration is honest but whose token endpoint answers 307 to the emulator.
    redirector = createServer(
      {
        cert: readFileSync(process.env["MSTEAMS_EMULATOR_TLS_CERT"]!),
        key: readFileSync(process.env["MSTEAMS_EMULATOR_TLS_KEY"]!),
      },
      (req, res) => {
        let body = "";
        req.on("data", (d: Buffer) => {
          body += d.toString();
        });
        req.on("end", () => {
          seen.push({ method: req.method ?? "", path: req.url ?? "", body });
          if (req.method === "GET") {
            res.setHeader("content-type", "application/json");
            res.end(
              JSON.stringify({
                token_endpoint: `${url}/${HOME_TENANT}/oauth2/v2.0/token`,
                authorization_endpoint: `${url}/${HOME_TENANT}/oauth2/v2.0/authorize`,
                end_session_endpoint: `${url}/${HOME_TENANT}/oauth2/v2.0/logout`,
                jwks_uri: `${url}/${HOME_TENANT}/discovery/v2.0/keys`,
                issuer: `${url}/${HOME_TENANT}/v2.0`,
              }),
            );
            return;
          }
          // Same origin on purpose: @azure/core-rest-pipeline already drops cross-origin redirects, so
          // only msteams' own no-redirect setting keeps this one from being followed with the secret.
          if (req.url?.startsWith("/elsewhere/")) res.writeHead(500).end();
          else res.writeHead(307, { location: `${url}/elsewhere/oauth2/v2.0/token` }).end();
        });
      },
    );
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", r));
    url = `https://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => redirector.close(r)));

  it("the 307 is not followed: its target sees no request, the create fails as a credential error", async () => {
    configureProvider(emulator(), { kind: "app" }, { "msteams:authorityHost": url });
    const err = await failure(call("create", group));
    expect(err.name).toBe("CredentialError");
    expect(seen.filter((r) => r.method === "POST").map((r) => r.path.split("?")[0])).toEqual([
      `/${HOME_TENANT}/oauth2/v2.0/token`,
    ]);
    expect(seen.find((r) => r.method === "POST")?.body).toContain(`client_id=${APP.clientId}`);
    expect(emulator().requests()).toEqual([]);
    expect(graphRequests(emulator())).toEqual([]);
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain(APP.secret);
  });
});
