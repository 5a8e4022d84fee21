import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import schema from "../../schema/schema.json";
// @ts-expect-error plain ESM script without types
import { generate, outputPath, schemaCopyPath, schemaText } from "../../scripts/gen-types.mjs";

describe("schema is the source of truth", () => {
  it("the committed generated types equal a fresh generation (run `npm run gen` when this fails)", () => {
    expect(readFileSync(outputPath, "utf8")).toBe(generate());
  });

  it("the provider package ships the schema unchanged (run `npm run gen` when this fails)", () => {
    expect(readFileSync(schemaCopyPath, "utf8")).toBe(schemaText());
  });

  it("declares the resource tokens that are part of every URN", () => {
    expect(Object.keys(schema.resources)).toContain("msteams:index:Chat");
    expect(schema.name).toBe("msteams");
  });

  it("marks every replace-on-change input the provider's diff replaces", () => {
    const chat = schema.resources["msteams:index:Chat"].inputProperties as Record<
      string,
      { willReplaceOnChanges?: boolean }
    >;
    const replaced = Object.entries(chat)
      .filter(([, p]) => p.willReplaceOnChanges)
      .map(([k]) => k);
    expect(replaced.sort()).toEqual(["chatType", "existingChatId"]);
  });

  it("ships secret config keys as secrets", () => {
    const vars = schema.config.variables as Record<string, { secret?: boolean }>;
    expect(vars["clientSecret"]?.secret).toBe(true);
    expect(vars["password"]?.secret).toBe(true);
  });

  it("is valid JSON on disk next to the package", () => {
    expect(() => JSON.parse(readFileSync(join(__dirname, "../../schema/schema.json"), "utf8"))).not.toThrow();
  });
});
