// The web view of the emulated tenant: static files (no build step, no framework) served under
// /_emulator/, reading /_emulator/state, /_emulator/requests and /_emulator/permissions, and told about
// changes through server-sent events (/_emulator/events).
import { dirname, join } from "node:path";
import express, { type Response, Router } from "express";
import { defaultSeedPath } from "../seed";

/** The static files live beside the seed in the package (tsc does not copy them into dist). */
const STATIC = join(dirname(defaultSeedPath), "..", "web", "static");

/** Tells live web views that the tenant or the request log changed (debounced, one event per burst). */
export class Changes {
  private readonly clients = new Set<Response>();
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  notify(): void {
    if (this.timer || this.clients.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.seq++;
      for (const res of this.clients) res.write(`data: ${this.seq}\n\n`);
    }, 100);
  }

  subscribe(res: Response): void {
    this.clients.add(res);
    const ping = setInterval(() => res.write(": ping\n\n"), 15_000);
    res.on("close", () => {
      clearInterval(ping);
      this.clients.delete(res);
    });
  }

  close(): void {
    clearTimeout(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

// What the page may do: its own scripts and styles, calls to this emulator, nothing inline, no frames.
// Message bodies are rebuilt from text nodes (never parsed into the page), and this is the second guard.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function webViewRouter(changes: Changes): Router {
  const r = Router();
  const headers = (res: Response) => {
    res.setHeader("content-security-policy", CSP);
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    res.setHeader("cache-control", "no-store");
  };
  r.get("/", (req, res) => {
    // The page's relative links (state, requests, web/…) need the trailing slash.
    if (!req.originalUrl.split("?")[0]!.endsWith("/")) return res.redirect(301, "/_emulator/");
    headers(res);
    res.sendFile(join(STATIC, "index.html"));
  });
  r.use("/web", express.static(STATIC, { index: false, setHeaders: headers }));
  r.get("/events", (_req, res) => {
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    res.write(": connected\n\n");
    changes.subscribe(res);
  });
  return r;
}
