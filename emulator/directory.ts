import type {
  Seed,
  SeedAppDefinition,
  SeedAppRegistration,
  SeedRscPermission,
  SeedTeamsApp,
  SeedTenant,
  SeedUser,
} from "./seed";

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * Read-only lookups over the seeded directory: tenants, users, app registrations, the app catalog.
 * It never changes while the emulator runs (reset() goes back to the same seed), so it sits beside the
 * store rather than in it. Ids and UPNs compare case-insensitively, as in Entra.
 */
export class Directory {
  readonly homeTenantId: string;

  constructor(private readonly seed: Seed) {
    this.homeTenantId = seed.tenants.find((t) => t.home)!.id;
  }

  get tenants(): readonly SeedTenant[] {
    return this.seed.tenants;
  }

  get users(): readonly SeedUser[] {
    return this.seed.users;
  }

  get teamsApps(): readonly SeedTeamsApp[] {
    return this.seed.teamsApps;
  }

  get appRegistrations(): readonly SeedAppRegistration[] {
    return this.seed.appRegistrations;
  }

  /** A user by object id or UPN. */
  user(idOrUpn: string): SeedUser | undefined {
    return this.seed.users.find((u) => same(u.id, idOrUpn) || same(u.userPrincipalName, idOrUpn));
  }

  appRegistration(clientId: string): SeedAppRegistration | undefined {
    return this.seed.appRegistrations.find((a) => same(a.clientId, clientId));
  }

  teamsApp(id: string): SeedTeamsApp | undefined {
    return this.seed.teamsApps.find((a) => same(a.id, id));
  }

  /** Installs use the first published definition; later ones are what `upgrade` moves to. */
  installDefinition(app: SeedTeamsApp): SeedAppDefinition {
    return (
      app.appDefinitions.find((d) => (d.publishingState ?? "published") === "published") ??
      app.appDefinitions[0]!
    );
  }

  latestDefinition(app: SeedTeamsApp): SeedAppDefinition {
    return app.appDefinitions[app.appDefinitions.length - 1]!;
  }

  definition(app: SeedTeamsApp, version: string): SeedAppDefinition {
    return app.appDefinitions.find((d) => d.version === version) ?? this.installDefinition(app);
  }

  /** Graph's observed definition id: base64 of `{teamsAppId}##{version}##{publishingState}`. */
  definitionId(app: SeedTeamsApp, d: SeedAppDefinition): string {
    return (
      d.id ?? Buffer.from(`${app.id}##${d.version}##${d.publishingState ?? "published"}`).toString("base64")
    );
  }

  requiredRsc(d: SeedAppDefinition): readonly SeedRscPermission[] {
    return d.authorization?.requiredPermissionSet?.resourceSpecificPermissions ?? [];
  }
}
