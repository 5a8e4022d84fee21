import type { RunningEmulator } from "../../emulator";
import { APP, HOME_TENANT, LIMITED_APP } from "./tenant";

export type Who = "app" | "limited" | { user: string };

/** Raw HTTP against the emulator, with a token for `who` (cached per emulator and identity). */
export class Raw {
  private tokens = new Map<string, string>();
  constructor(readonly emu: RunningEmulator) {}

  async token(who: Who = "app"): Promise<string> {
    const key = JSON.stringify(who);
    const hit = this.tokens.get(key);
    if (hit) return hit;
    const app = who === "limited" ? LIMITED_APP : APP;
    const form = new URLSearchParams({
      client_id: app.clientId,
      scope: "https://graph.microsoft.com/.default",
    });
    if (typeof who === "object") {
      form.set("grant_type", "password");
      form.set("username", who.user);
      form.set("password", "emulator");
    } else {
      form.set("grant_type", "client_credentials");
      form.set("client_secret", app.secret);
    }
    const res = await fetch(`${this.emu.url}/${HOME_TENANT}/oauth2/v2.0/token`, {
      method: "POST",
      body: form,
    });
    const t = ((await res.json()) as { access_token: string }).access_token;
    this.tokens.set(key, t);
    return t;
  }

  async call(
    method: string,
    path: string,
    body?: unknown,
    who: Who = "app",
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${this.emu.url}${path.startsWith("/beta") ? "" : "/v1.0"}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token(who)}`,
        "content-type": "application/json",
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      json: (text ? JSON.parse(text) : undefined) as Record<string, any>,
    };
  }
}

export const bind = (user: string) => `https://graph.microsoft.com/v1.0/users('${user}')`;
export const owner = (user: string) => ({
  "@odata.type": "#microsoft.graph.aadUserConversationMember",
  roles: ["owner"],
  "user@odata.bind": bind(user),
});
export const chatPath = (id: string) => `/chats/${encodeURIComponent(id)}`;
