// The web view: reads the emulator's inspection endpoints and renders the tenant; refreshes when the
// emulator reports a change (server-sent events on /_emulator/events). Read-only: it changes nothing.

(() => {
  const { h, renderMessage, time } = window.render;

  const get = async (path) => {
    const res = await fetch(path, { headers: { accept: "application/json" } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.json();
  };

  function names(state) {
    const users = new Map(state.users.map((u) => [u.id.toLowerCase(), u]));
    const apps = new Map(state.appRegistrations.map((a) => [a.clientId.toLowerCase(), a]));
    const home = state.tenants.find((t) => t.home) || state.tenants[0];
    const tenants = new Map(state.tenants.map((t) => [t.id.toLowerCase(), t]));
    return {
      home,
      user: (id) => users.get(String(id).toLowerCase()),
      app: (id) => apps.get(String(id).toLowerCase()),
      tenant: (id) => tenants.get(String(id).toLowerCase()),
    };
  }

  const badge = (text, cls = "") => h("span", { class: `badge ${cls}` }, text);
  const table = (head, rows, cls = "") =>
    h(
      "table",
      { class: cls },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          head.map((x) => h("th", {}, x)),
        ),
      ),
      h("tbody", {}, rows),
    );

  function rosterRow(m, n) {
    const user = n.user(m.userId);
    const federated = m.tenantId.toLowerCase() !== n.home.id.toLowerCase();
    const guest = m.roles.includes("guest") || user?.userType === "Guest";
    return h(
      "tr",
      { class: "member" },
      h("td", {}, m.displayName || user?.displayName || m.userId),
      h("td", {}, m.email || user?.userPrincipalName || ""),
      h("td", {}, m.roles.join(", ")),
      h("td", {}, n.tenant(m.tenantId)?.domain || m.tenantId),
      h("td", {}, federated ? badge("federated", "federated") : null, guest ? badge("guest", "guest") : null),
    );
  }

  function appItem(i) {
    const rsc = i.consentedPermissionSet?.resourceSpecificPermissions || [];
    return h(
      "li",
      { class: "app" },
      h("b", {}, i.teamsApp?.displayName || i.teamsAppId),
      ` ${i.teamsAppDefinition?.version ? `v${i.teamsAppDefinition.version}` : ""} `,
      i.visible ? null : badge("installing", "pending"),
      h(
        "div",
        { class: "consent" },
        rsc.length
          ? `Consent: ${rsc.map((p) => `${p.permissionValue} (${p.permissionType})`).join(", ")}`
          : "Consent: none needed",
      ),
    );
  }

  function operationItem(o) {
    const history = o.history.length ? o.history : [{ status: o.status, at: o.createdDateTime }];
    return h(
      "li",
      { class: "operation" },
      badge(o.status, o.status),
      " createChat operation ",
      h("code", {}, o.id.slice(-12)),
      h(
        "ol",
        { class: "history" },
        history.map((x) => h("li", {}, `${x.status} at ${time(x.at)}`)),
      ),
      o.error ? h("div", { class: "error" }, `${o.error.code}: ${o.error.message}`) : null,
    );
  }

  function chatCard(c, state, n) {
    const ops = state.operations.filter((o) => o.chatId === c.id);
    const title =
      c.topic ||
      (c.chatType === "oneOnOne"
        ? c.members.map((m) => m.displayName).join(" & ")
        : "(group chat without topic)");
    const messages = [...c.messages].sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime));
    return h(
      "article",
      { class: "chat", "data-chat-id": c.id },
      h("h3", {}, h("span", { class: "topic" }, title), " ", badge(c.chatType, "type")),
      c.migrationMode !== "none" ? badge(`migration ${c.migrationMode}`, "pending") : null,
      h("div", { class: "ids" }, h("code", {}, c.id), ` · created ${time(c.createdDateTime)}`),
      h(
        "div",
        { class: "columns" },
        h(
          "div",
          {},
          h("h4", {}, `Members (${c.members.length})`),
          table(
            ["Name", "Email", "Roles", "Tenant", ""],
            c.members.map((m) => rosterRow(m, n)),
            "roster",
          ),
          h("h4", {}, `Apps (${c.installedApps.length})`),
          c.installedApps.length
            ? h("ul", { class: "apps" }, c.installedApps.map(appItem))
            : h("p", { class: "none" }, "No apps installed."),
          ops.length
            ? [h("h4", {}, "Async operations"), h("ul", { class: "operations" }, ops.map(operationItem))]
            : null,
        ),
        h(
          "div",
          { class: "messages" },
          h("h4", {}, `Messages (${messages.length})`),
          messages.length ? messages.map(renderMessage) : h("p", { class: "none" }, "No messages."),
        ),
      ),
    );
  }

  function identity(e, n) {
    const who = e.identity;
    if (!who) return e.appId ? n.app(e.appId)?.displayName || e.appId : "—";
    const app = n.app(who.appId)?.displayName || who.appId;
    if (who.kind === "application") return `${app} (application)`;
    return `${n.user(who.userId)?.userPrincipalName || who.userId} via ${app}`;
  }

  function why(e) {
    const checks = e.checks || [];
    const failed = checks.find((c) => c.grantedBy.length === 0);
    if (e.refusal) {
      const rule = failed ? `needs one of ${failed.accepted.join(", ")}` : e.refusal.message;
      return h("span", { class: "refused" }, `${e.refusal.code}: ${rule}`);
    }
    if (e.status === 0) return h("span", { class: "refused" }, "connection dropped (fault rule)");
    if (e.kind === "token")
      return e.status < 400 ? "token issued" : h("span", { class: "refused" }, "token refused");
    if (!checks.length) return "";
    return h(
      "span",
      { class: "allowed" },
      checks.map((c) => `${c.operation}: ${c.grantedBy.join(", ")}`).join("; "),
    );
  }

  const readable = (path) => {
    try {
      return decodeURIComponent(path);
    } catch {
      return path;
    }
  };

  function requestsView(log, n) {
    const rows = [...log]
      .reverse()
      .slice(0, 300)
      .map((e) =>
        h(
          "tr",
          { class: e.status >= 400 || e.status === 0 ? "failed" : "" },
          h("td", {}, time(e.at)),
          h("td", {}, e.method),
          h("td", { class: "path" }, readable(e.path)),
          h("td", {}, String(e.status)),
          h("td", {}, identity(e, n)),
          h("td", {}, why(e)),
        ),
      );
    return rows.length
      ? table(["Time", "Method", "Path", "Status", "Identity", "Why"], rows, "log")
      : h("p", { class: "none" }, "No requests yet.");
  }

  function permissionsView(report) {
    const block = (title, list, needs) =>
      h(
        "div",
        { class: "perm-block" },
        h("h4", {}, title),
        list.length
          ? h(
              "ul",
              {},
              list.map((p) => h("li", {}, h("code", {}, p))),
            )
          : h("p", { class: "none" }, "None used."),
        needs.length
          ? h(
              "details",
              {},
              h("summary", {}, "why"),
              table(
                ["Operation", "Requests", "Covered by"],
                needs.map((x) =>
                  h(
                    "tr",
                    {},
                    h("td", {}, x.operation),
                    h("td", {}, String(x.requests)),
                    h("td", {}, x.coveredBy),
                  ),
                ),
              ),
            )
          : null,
      );
    return h(
      "div",
      { class: "perms" },
      block("Application permissions", report.application, report.needs.application),
      block("Delegated permissions", report.delegated, report.needs.delegated),
      h(
        "ul",
        { class: "notes" },
        report.notes.map((x) => h("li", {}, x)),
      ),
    );
  }

  function directoryView(state, n) {
    return h(
      "div",
      {},
      table(
        ["Tenant", "Id", ""],
        state.tenants.map((t) =>
          h(
            "tr",
            {},
            h("td", {}, t.displayName || t.domain),
            h("td", {}, h("code", {}, t.id)),
            h("td", {}, t.home ? badge("home") : badge("federated", "federated")),
          ),
        ),
      ),
      table(
        ["User", "UPN", "Id", ""],
        state.users.map((u) =>
          h(
            "tr",
            {},
            h("td", {}, u.displayName),
            h("td", {}, u.userPrincipalName),
            h("td", {}, h("code", {}, u.id)),
            h(
              "td",
              {},
              u.userType === "Guest" ? badge("guest", "guest") : null,
              u.tenantId.toLowerCase() !== n.home.id.toLowerCase() ? badge("federated", "federated") : null,
              u.isTeamsAdmin ? badge("Teams admin") : null,
            ),
          ),
        ),
      ),
    );
  }

  function replace(id, node) {
    document.getElementById(id).replaceChildren(node);
  }

  /** Soft-deleted chats: gone for Graph, kept by the emulator. */
  function deletedView(deleted) {
    if (!deleted.length) return null;
    return h(
      "details",
      { class: "deleted-chats" },
      h("summary", {}, `Deleted chats (${deleted.length})`),
      h(
        "ul",
        {},
        deleted.map((c) =>
          h("li", {}, c.topic || c.chatType, " ", h("code", {}, c.id), ` deleted ${time(c.deletedDateTime)}`),
        ),
      ),
    );
  }

  async function refresh() {
    const [state, log, report] = await Promise.all([get("state"), get("requests"), get("permissions")]);
    const n = names(state);
    document.getElementById("tenant").textContent =
      `tenant ${n.home.domain} · ${state.chats.length} ${state.chats.length === 1 ? "chat" : "chats"}`;
    replace(
      "chat-list",
      state.chats.length
        ? h(
            "div",
            {},
            state.chats.map((c) => chatCard(c, state, n)),
            deletedView(state.deletedChats),
          )
        : h("p", { class: "none" }, "No chats yet.", deletedView(state.deletedChats)),
    );
    replace("request-log", requestsView(log, n));
    replace("permission-report", permissionsView(report));
    replace("directory-view", directoryView(state, n));
    document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
    return state;
  }

  let pending = false;
  async function update() {
    if (pending) return;
    pending = true;
    try {
      const state = await refresh();
      // Time-based operations change status without any request: look again while one is running.
      if (state.operations.some((o) => o.status === "notStarted" || o.status === "inProgress"))
        setTimeout(update, 1000);
    } catch (e) {
      document.getElementById("live").textContent = `error: ${e.message}`;
    } finally {
      pending = false;
    }
  }

  function live() {
    const status = document.getElementById("live");
    const events = new EventSource("events");
    events.onopen = () => {
      status.textContent = "live";
      status.className = "live on";
    };
    events.onmessage = () => update();
    events.onerror = () => {
      status.textContent = "reconnecting…";
      status.className = "live";
    };
  }

  update();
  live();
})();
