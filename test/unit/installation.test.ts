import { describe, expect, it } from "vitest";
import { diffInstallation } from "../../provider/install/diff";
import {
  consentChanged,
  type InstallationState,
  parseInstallationId,
  permKey,
} from "../../provider/install/model";
import { canonicalInputs, UNKNOWN, validateInputs } from "../../provider/validate";

const chatId = "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2";
const rsc = (type: string, value = "ChatMessage.Read.Chat") => ({
  resourceSpecificPermissions: [{ permissionValue: value, permissionType: type }],
});
const olds: InstallationState = {
  chatId,
  teamsAppId: "8e55a7b1-6766-4f0a-8610-ecacfe3d569a",
  installationId: "inst1",
  consentedPermissionSet: rsc("application") as InstallationState["consentedPermissionSet"],
  teamsAppDefinition: { id: "def", version: "1.0.0", displayName: "Polls" },
  adopted: false,
};

describe("ChatAppInstallation", () => {
  it("validates app ids and permission types before any Graph call", () => {
    const f = validateInputs("ChatAppInstallation", {
      chatId,
      teamsAppId: "not an id",
      consentedPermissionSet: rsc("owner"),
    });
    expect(f.map((x) => x.property).sort()).toEqual([
      "consentedPermissionSet.resourceSpecificPermissions[0].permissionType",
      "teamsAppId",
    ]);
    expect(validateInputs("ChatAppInstallation", { teamsAppId: "x" }).map((x) => x.property)).toEqual([
      "chatId",
    ]);
  });
  it("check: permission types match in any case and come back as Graph spells them (lower case)", () => {
    const declared = { chatId, teamsAppId: olds.teamsAppId, consentedPermissionSet: rsc("Application") };
    expect(validateInputs("ChatAppInstallation", declared)).toEqual([]);
    expect(
      validateInputs("ChatAppInstallation", { ...declared, consentedPermissionSet: rsc("DELEGATED") }),
    ).toEqual([]);
    expect(canonicalInputs("ChatAppInstallation", declared)).toEqual({
      ...declared,
      consentedPermissionSet: rsc("application"),
    });
    // Values that are not known yet (preview) or not valid are left for the engine and for validation.
    const unknown = { ...declared, consentedPermissionSet: { resourceSpecificPermissions: UNKNOWN } };
    expect(canonicalInputs("ChatAppInstallation", unknown)).toEqual(unknown);
    expect(canonicalInputs("ChatAppInstallation", { consentedPermissionSet: rsc("owner") })).toEqual({
      consentedPermissionSet: rsc("owner"),
    });
  });
  it("diff: a consent set no longer declared is no change (Graph keeps what it holds)", () => {
    expect(diffInstallation(olds, { chatId, teamsAppId: olds.teamsAppId } as never)).toEqual({
      changes: false,
    });
    const set = (type: string) => rsc(type) as InstallationState["consentedPermissionSet"];
    expect(consentChanged(set("application"), undefined)).toBe(false);
    expect(consentChanged(null, set("Application"))).toBe(true);
    expect(consentChanged(set("application"), set("Application"))).toBe(false);
  });
  it("diff: same (case-insensitive) → none; consent → upgrade in place; app or chat → replace", () => {
    const same = {
      chatId,
      teamsAppId: olds.teamsAppId.toUpperCase(),
      consentedPermissionSet: rsc("Application"),
    };
    expect(diffInstallation(olds, same as never)).toEqual({ changes: false });
    const consent = { ...same, consentedPermissionSet: rsc("application", "ChatMessage.Send.Chat") };
    expect(diffInstallation(olds, consent as never)).toMatchObject({ changes: true, replaces: [] });
    expect(
      diffInstallation(olds, { ...same, teamsAppId: "05F59CEC-A742-4A50-A62E-202A57E478A4" } as never)
        .replaces,
    ).toEqual(["teamsAppId"]);
    expect(diffInstallation(olds, { ...same, chatId: "19:x@thread.v2" } as never).replaces).toEqual([
      "chatId",
    ]);
  });
  it("permission sets compare in any order and case", () => {
    const a = {
      resourceSpecificPermissions: [
        { permissionValue: "A.B", permissionType: "Application" },
        { permissionValue: "C.D", permissionType: "delegated" },
      ],
    };
    const b = {
      resourceSpecificPermissions: [
        { permissionValue: "c.d", permissionType: "Delegated" },
        { permissionValue: "a.b", permissionType: "application" },
      ],
    };
    expect(permKey(a)).toBe(permKey(b));
  });
  it("parses composite ids", () => {
    expect(parseInstallationId(`${chatId}/installedApps/abc==`)).toEqual({ chatId, installationId: "abc==" });
  });
});
