// The bench's state-size figure (docs/scale.md): bytes per resource of `pulumi stack export`, each resource
// as compact JSON, and the Pulumi YAML twin of bench/program for the plugin front end.

/** Mean bytes of compact JSON per resource whose type ends in `:<kind>` (0 when there is none). */
export function bytesPerResource(resources: readonly { type: string }[], kind: string): number {
  const rs = resources.filter((r) => r.type.endsWith(`:${kind}`));
  return rs.length ? Math.round(rs.reduce((a, r) => a + JSON.stringify(r).length, 0) / rs.length) : 0;
}

/** bench/program as a Pulumi YAML body for the plugin: `count` group chats of `members`, one message each. */
export function benchYaml(count: number, members: readonly string[]): string {
  const lines = ["resources:"];
  for (let i = 1; i <= count; i++)
    lines.push(
      `  chat-${i}:`,
      "    type: msteams:index:Chat",
      "    properties:",
      "      chatType: group",
      `      topic: Bench ${i}`,
      `      members: [${members.map((user) => `{ user: ${JSON.stringify(user)} }`).join(", ")}]`,
      `  hello-${i}:`,
      "    type: msteams:index:ChatMessage",
      "    properties:",
      `      chatId: \${chat-${i}.id}`,
      `      body: { content: Hello ${i} }`,
    );
  return `${lines.join("\n")}\n`;
}
