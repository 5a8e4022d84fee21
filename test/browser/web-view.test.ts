// The emulator's web view in a real browser (headless Chromium) after a real-engine `pulumi up`: what a
// person would check — the chat, its members, the mention, the apps, the request log and the permission
// report — that it updates live, and that markup in messages is shown and never runs.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Stack, useEmulator } from "../e2e/harness";
import { Raw } from "../support/raw";

/** Debian's chromium package; the suite's global set-up installs it when missing (scripts/ensure-chromium.sh). */
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const OUTPUT = join(__dirname, "output");

const emulator = useEmulator({ asyncOperationMs: 300 });
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}: the web view test needs a browser. Run npm test as root on Debian (it ` +
        "installs the chromium package) or `sudo apt-get install -y chromium`, or set CHROMIUM_PATH.",
    );
  mkdirSync(OUTPUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});
afterAll(() => browser?.close());

/** What the web view itself loads; any other request (say, an <img src> from a message) is an incident. */
const OWN = /^\/_emulator\/(web\/(app|render)\.(js|css)|state|requests|permissions|events)?$/;

/** A page that records every dialog, uncaught error, console error and foreign request. */
async function watchedPage(): Promise<{ page: Page; incidents: string[] }> {
  // The emulator's certificate comes from the suite's own CA, which this fresh browser profile does not
  // know (a person accepts it once, or imports the CA); what is under test here is the page, not TLS.
  const page = await browser!.newPage({ viewport: { width: 1360, height: 900 }, ignoreHTTPSErrors: true });
  const incidents: string[] = [];
  page.on("dialog", (d) => {
    incidents.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on("pageerror", (e) => incidents.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // render.js parses message HTML into an inert DOMParser document, where Chromium checks on*
    // attributes against the page's CSP and reports them from that line; nothing runs or loads there.
    // Markup that reached the page would be reported without that location (and would load its src).
    if (/inline event handler/.test(m.text()) && m.location().url.endsWith("/_emulator/web/render.js"))
      return;
    incidents.push(`console error: ${m.text()}`);
  });
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (!OWN.test(path)) incidents.push(`request: ${r.url()}`);
  });
  return { page, incidents };
}

it("after `pulumi up`, the web view shows the chat, roster, mention, apps, requests and permissions, live, and runs no message markup", async () => {
  const emu = emulator();
  const stack = new Stack("test/browser/program", emu, "adele");
  const up = await stack.ok("up");
  const chatId = up.outputs["chatId"] as string;

  const { page, incidents } = await watchedPage();
  await page.goto(emu.webUrl);
  const chat = page.locator(`[data-chat-id="${chatId}"]`);
  await chat.waitFor();
  await expect.poll(() => page.locator("#live").textContent()).toBe("live");

  expect(await chat.locator(".topic").textContent()).toBe("Launch crew");
  const roster = await chat.locator("tr.member").allInnerTexts();
  expect(roster).toHaveLength(3);
  expect(roster.find((r) => r.includes("Adele Vance"))).toMatch(/owner/);
  expect(roster.find((r) => r.includes("Patti Fernandez"))).toBeDefined();
  expect(roster.find((r) => r.includes("megan@fabrikam.com"))).toMatch(/fabrikam\.com[\s\S]*federated/);

  const welcome = chat.locator(".message", { hasText: "Welcome aboard" });
  expect(await welcome.locator(".mention").textContent()).toBe("Patti");
  expect(await welcome.locator(".mention").getAttribute("title")).toBe("Mention of Patti Fernandez");
  expect(await welcome.locator(".body b").textContent()).toBe("Friday");

  const apps = await chat.locator("li.app").allInnerTexts();
  expect(apps.find((a) => a.includes("Polls"))).toMatch(/Consent: none needed/);
  expect(apps.find((a) => a.includes("Meeting Notes"))).toMatch(
    /ChatMessage\.Read\.Chat \(application\), OnlineMeeting\.ReadBasic\.Chat \(application\)/,
  );
  // The app installed at creation went through an async operation; its status history ends in success.
  expect(await chat.locator("li.operation .history").textContent()).toMatch(/notStarted[\s\S]*succeeded/);

  // Markup is text: typed markup verbatim, HTML Teams would not render shown as its source, nothing run.
  expect(await chat.locator(".message", { hasText: "Typed:" }).locator(".body").textContent()).toBe(
    'Typed: <script>alert("text")</script>',
  );
  const hostile = chat.locator(".message", { hasText: "Careful" });
  expect(await hostile.locator(".body").textContent()).toBe(
    `Careful <script>alert("html")</script><img src="x" onerror="alert('img')"> done`,
  );
  expect(await hostile.locator(".unsafe").allTextContents()).toEqual([
    '<script>alert("html")</script>',
    `<img src="x" onerror="alert('img')">`,
  ]);
  expect(await hostile.locator("img, script").count()).toBe(0);
  expect(await page.locator("main script, main img, main [onerror]").count()).toBe(0);

  // The request log says who called and which permission allowed it.
  const create = page
    .locator("#request-log tr", { hasText: "/v1.0/chats" })
    .filter({ hasText: "POST" })
    .last();
  expect(await create.textContent()).toMatch(
    /adele@contoso\.com via pulumi-msteams[\s\S]*createChat: Chat\.Create/,
  );
  // The permission report is on the page.
  expect(await page.locator("#permission-report").textContent()).toMatch(
    /Delegated permissions[\s\S]*Chat\.Create/i,
  );

  // Exactly what the program needed as Adele (delegated): create the chat, read it and its operation,
  // send messages, and install apps (one with resource-specific consent) — and no application permission.
  const report = (await (await fetch(`${emu.url}/_emulator/permissions`)).json()) as Record<string, unknown>;
  expect(report).toMatchObject({
    application: [],
    delegated: [
      "Chat.Create",
      "Chat.ReadBasic",
      "ChatMessage.Send",
      "TeamsAppInstallation.ReadWriteAndConsentForChat",
    ],
  });

  // Live: a message sent while the page is open shows up without a reload.
  const before = Number(await page.locator("body").getAttribute("data-refreshed"));
  const sent = await new Raw(emu).call(
    "POST",
    `/chats/${encodeURIComponent(chatId)}/messages`,
    { body: { content: "Sent while you watch" } },
    { user: "adele@contoso.com" },
  );
  expect(sent.status).toBe(201);
  await chat.locator(".message", { hasText: "Sent while you watch" }).waitFor({ timeout: 10_000 });
  expect(Number(await page.locator("body").getAttribute("data-refreshed"))).toBeGreaterThan(before);

  await page.locator(`[data-chat-id="${chatId}"]`).screenshot({ path: join(OUTPUT, "web-view-chat.png") });
  await page.screenshot({ path: join(OUTPUT, "web-view.png") });
  await page.screenshot({ path: join(OUTPUT, "web-view-full.png"), fullPage: true });

  // While `pulumi destroy` runs, the page follows: the chat moves to the deleted ones.
  await stack.ok("destroy");
  await page.locator(".deleted-chats summary", { hasText: "Deleted chats (1)" }).waitFor({ timeout: 10_000 });
  expect(await page.locator(`article[data-chat-id="${chatId}"]`).count()).toBe(0);
  expect(incidents).toEqual([]);
});
