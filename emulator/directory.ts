import type { Seed, SeedAppDefinition, SeedAppRegistration, SeedTeamsApp, SeedUser } from "./seed";

/** Read-only lookups over the seeded directory: tenants, users, app registrations, the app catalog. */
export class Directory {
  readonly homeTenantId: string;

  constructor(readonly seed: Seed) {
    this.homeTenantId = seed.tenants.find((t) => t.home)!.id;
  }

  /** A user by object id or UPN, case-insensitively. */
  user(idOrUpn: string): SeedUser | undefined {
    const k = idOrUpn.toLowerCase();
    return this.seed.users.find((u) => u.id.toLowerCase() === k || u.userPrincipalName.toLowerCase() === k);
  }

  userById(id: string): SeedUser | undefined {
    return this.seed.users.find((u) => u.id.toLowerCase() === id.toLowerCase());
  }

  app(clientId: string): SeedAppRegistration | undefined {
    return this.seed.appRegistrations.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  }

  teamsApp(id: string): SeedTeamsApp | undefined {
    return this.seed.teamsApps.find((a) => a.id.toLowerCase() === id.toLowerCase());
  }

  /** Installs use the first published definition; later ones are what `upgrade` moves to. */
  installDefinition(app: SeedTeamsApp): SeedAppDefinition {
    return (
      app.definitions.find((d) => (d.publishingState ?? "published") === "published") ?? app.definitions[0]!
    );
  }

  latestDefinition(app: SeedTeamsApp): SeedAppDefinition {
    return app.definitions[app.definitions.length - 1]!;
  }

  definition(app: SeedTeamsApp, version: string): SeedAppDefinition {
    return app.definitions.find((d) => d.version === version) ?? this.installDefinition(app);
  }

  /** Graph's observed definition id: base64 of `{teamsAppId}##{version}##{publishingState}`. */
  definitionId(app: SeedTeamsApp, d: SeedAppDefinition): string {
    return (
      d.id ?? Buffer.from(`${app.id}##${d.version}##${d.publishingState ?? "published"}`).toString("base64")
    );
  }
}
