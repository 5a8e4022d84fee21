// `@odata.bind` references in request bodies. Graph resolves them against its own service root, so a
// request to the emulator (http://) still names https://graph.microsoft.com, as a real client would.
// https://learn.microsoft.com/graph/api/chat-post

const serviceRoot = (graphUrl: string): string =>
  `${graphUrl.startsWith("http://") ? "https://graph.microsoft.com" : graphUrl}/v1.0`;

/** `user@odata.bind` for an object id or UPN (Graph accepts both forms inside users('…')). */
export const userBind = (graphUrl: string, user: string): string =>
  `${serviceRoot(graphUrl)}/users('${user.replace(/'/g, "''")}')`;

/** `teamsApp@odata.bind` for an app of the organisation's catalog. */
export const teamsAppBind = (graphUrl: string, teamsAppId: string): string =>
  `${serviceRoot(graphUrl)}/appCatalogs/teamsApps/${teamsAppId}`;
