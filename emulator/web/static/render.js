// DOM helpers and the message renderer of the web view. Nothing here assigns HTML to the page: every
// node is made with createElement / createTextNode, and message HTML is parsed into an inert document
// (DOMParser runs no scripts and loads no images) and rebuilt from an allowlist.

(() => {
  /** h("div", {class: "x"}, child, "text", [more]) — strings become text nodes, arrays are flattened. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") el.className = v;
      else el.setAttribute(k, String(v));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      el.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
  }

  // Teams renders these message elements (https://learn.microsoft.com/graph/api/resources/chatmessage);
  // they are rebuilt without any attribute.
  const PLAIN = new Set([
    "p",
    "div",
    "span",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "strike",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
  ]);

  /** A message body as Teams shows it: text as text; HTML through the allowlist; anything else as its source text. */
  function renderBody(message) {
    const box = h("div", { class: "body" });
    const { contentType, content } = message.body;
    if (contentType !== "html") {
      box.classList.add("text");
      box.append(document.createTextNode(content));
      return box;
    }
    const doc = new DOMParser().parseFromString(content, "text/html");
    const ctx = { message, mentions: new Map((message.mentions || []).map((m) => [String(m.id), m])) };
    for (const n of [...doc.head.childNodes, ...doc.body.childNodes]) box.append(rebuild(n, ctx));
    return box;
  }

  function rebuild(node, ctx) {
    if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.data);
    if (node.nodeType !== Node.ELEMENT_NODE) return document.createTextNode("");
    const tag = node.localName;
    const kids = () => [...node.childNodes].map((c) => rebuild(c, ctx));
    if (tag === "at") {
      const m = ctx.mentions.get(node.getAttribute("id") || "");
      const who = m?.mentioned?.user?.displayName || m?.mentionText || "";
      return h("span", { class: "mention", title: who ? `Mention of ${who}` : "Mention" }, kids());
    }
    if (tag === "attachment") {
      const id = node.getAttribute("id") || "";
      const a = (ctx.message.attachments || []).find((x) => x.id === id);
      return h("span", { class: "attachment" }, `📎 ${a?.name || a?.contentType || id}`);
    }
    if (tag === "a") {
      const href = node.getAttribute("href") || "";
      if (/^(https?:|mailto:)/i.test(href))
        return h("a", { href, target: "_blank", rel: "noopener noreferrer" }, kids());
      return h("span", {}, kids());
    }
    if (tag === "emoji") return document.createTextNode(node.getAttribute("alt") || node.textContent || "");
    if (PLAIN.has(tag)) return h(tag, {}, kids());
    // Script, style, images (never loaded), iframes, forms, unknown tags: shown as the text that was sent.
    return h(
      "code",
      { class: "unsafe", title: "Not rendered: Teams does not show this markup" },
      node.outerHTML,
    );
  }

  const initials = (name) =>
    (name || "?")
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0].toUpperCase())
      .join("");

  const time = (iso) => (iso ? new Date(iso).toLocaleString() : "");

  /** One message as a Teams chat bubble: sender, time, marks (imported, edited, deleted, importance), body. */
  function renderMessage(m) {
    const name = m.from?.user?.displayName || m.from?.user?.id || "unknown sender";
    const marks = [
      m.imported ? h("span", { class: "mark imported" }, "Imported") : null,
      m.importance && m.importance !== "normal"
        ? h("span", { class: `mark ${m.importance}` }, m.importance)
        : null,
      m.lastEditedDateTime && !m.deletedDateTime ? h("span", { class: "mark" }, "Edited") : null,
      m.policyViolation ? h("span", { class: "mark urgent" }, "Policy violation") : null,
    ];
    const body = m.deletedDateTime
      ? h("div", { class: "body deleted" }, "This message has been deleted.")
      : [m.subject ? h("div", { class: "subject" }, m.subject) : null, renderBody(m)];
    return h(
      "article",
      { class: "message", "data-message-id": m.id },
      h("div", { class: "avatar", "aria-hidden": "true" }, initials(name)),
      h(
        "div",
        { class: "bubble" },
        h("div", { class: "meta" }, h("b", {}, name), " ", time(m.createdDateTime), marks),
        body,
      ),
    );
  }

  window.render = { h, renderBody, renderMessage, initials, time };
})();
