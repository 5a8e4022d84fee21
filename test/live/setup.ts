// npm run test:live: refuses to start without a real tenant to run against (never part of npm test or CI).
const REQUIRED = [
  "MSTEAMS_LIVE_TENANT_ID",
  "MSTEAMS_LIVE_CLIENT_ID",
  "MSTEAMS_LIVE_CLIENT_SECRET",
  "MSTEAMS_LIVE_USERS",
];

export default function setup(): void {
  const missing = REQUIRED.filter((k) => !process.env[k]);
  if (missing.length)
    throw new Error(
      `npm run test:live needs a real tenant: set ${missing.join(", ")} (see README "Live tests against a real tenant"). Nothing was run.`,
    );
  if (process.env["MSTEAMS_LIVE_USERS"]!.split(",").filter(Boolean).length < 2)
    throw new Error("MSTEAMS_LIVE_USERS must list at least two users (object ids or UPNs), comma-separated");
}
