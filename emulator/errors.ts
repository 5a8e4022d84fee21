// The one catalogue of every error the emulator answers (like Azurite's StorageErrorFactory, for Graph).
// Each factory names one mistake and says what was wrong. The error middleware (pipeline.ts) wraps it in
// Graph's envelope {"error":{"code","message","innerError":{date,request-id,client-request-id}}} and
// copies `headers` onto the response. Anything thrown that is not a GraphHttpError is a 500: a bug.
// Teams endpoints answer PascalCase codes (docs/graph-api.md §8); the texts of Graph's own messages are
// used where they are known (role 'member', members null, missing permissions).

export class GraphHttpError extends Error {
  override readonly name = "GraphHttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Checks the name too, so errors from a second copy of this module are recognised. */
export const isGraphHttpError = (e: unknown): e is GraphHttpError =>
  e instanceof GraphHttpError || (e instanceof Error && e.name === "GraphHttpError" && "status" in e);

const make = (status: number, code: string) => (message: string, headers?: Record<string, string>) =>
  new GraphHttpError(status, code, message, headers);
const badRequest = make(400, "BadRequest");
const forbidden = make(403, "Forbidden");
const notFound = make(404, "NotFound");
const conflict = make(409, "Conflict");
const EMULATOR = "the pulumi-msteams emulator";
const quote = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(", ");

// ---- protocol: paths, query options, bodies -------------------------------------------------------
export const endpointNotImplemented = (method: string, path: string) =>
  make(501, "NotImplemented")(`${method} ${path} is not supported by ${EMULATOR} (see emulator/README.md).`);
export const notAGraphPath = (method: string, path: string) =>
  notFound(`${method} ${path} is not a path of ${EMULATOR}: Graph is served under /v1.0 and /beta.`);
export const unsupportedQueryOption = (option: string, endpoint: string, allowed: readonly string[]) =>
  badRequest(
    `Query option '${option}' is not supported by ${EMULATOR} for ${endpoint}` +
      (allowed.length ? `; supported: ${allowed.join(", ")}.` : "; it takes no query options."),
  );
export const repeatedQueryOption = (option: string) =>
  badRequest(`Query option '${option}' was given more than once.`);
export const unsupportedHeader = (name: string, value: string, supported: string) =>
  badRequest(`Header '${name}: ${value}' is not supported by ${EMULATOR}; ${supported}.`);
export const unsupportedExpand = (value: string, endpoint: string, supported: string) =>
  badRequest(`$expand=${value} is not supported by ${EMULATOR} for ${endpoint}; supported: ${supported}.`);
export const unsupportedFilter = (value: string, endpoint: string, supported: string) =>
  badRequest(`$filter '${value}' is not supported by ${EMULATOR} for ${endpoint}; supported: ${supported}.`);
export const unsupportedSelect = (field: string, supported: string) =>
  badRequest(`$select of '${field}' is not supported by ${EMULATOR}; supported: ${supported}.`);
export const invalidJson = (detail: string) => badRequest(`The request body is not valid JSON: ${detail}`);
export const bodyNotObject = (endpoint: string) =>
  badRequest(`${endpoint} needs a JSON object body (Content-Type: application/json).`);
export const bodyPropertyUnsupported = (property: string, endpoint: string, supported: readonly string[]) =>
  badRequest(
    `Property '${property}' is not supported by ${EMULATOR} for ${endpoint}; supported: ${supported.join(", ")}.`,
  );
export const bodyTooLarge = (limit: string) =>
  make(413, "RequestEntityTooLarge")(`The request body is larger than the emulator's ${limit} limit.`);
export const internalError = (detail: string) =>
  make(500, "InternalServerError")(`Emulator bug (please report it): ${detail}`);

// ---- authentication and permissions -----------------------------------------------------------------
const invalidToken = (message: string) =>
  new GraphHttpError(401, "InvalidAuthenticationToken", message, {
    "www-authenticate":
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"',
  });
export const tokenMissing = () => invalidToken("Access token is empty: send Authorization: Bearer <token>.");
export const tokenMalformed = () => invalidToken("IDX14100: The access token is not a well-formed JWT.");
export const tokenSignatureInvalid = () =>
  invalidToken("Access token validation failure: the signature is invalid (not issued by this emulator).");
export const tokenExpired = () => invalidToken("Lifetime validation failed, the token is expired.");
export const tokenNotYetValid = () => invalidToken("Lifetime validation failed, the token is not yet valid.");
export const tokenWrongAudience = (aud: string) =>
  invalidToken(`Invalid audience '${aud}': the token is not for https://graph.microsoft.com.`);

/** Graph's wording for a missing permission, naming what would be accepted and what the token holds. */
export function missingPermission(
  kind: "delegated" | "application",
  accepted: readonly string[],
  held: readonly string[],
) {
  if (accepted.length === 0)
    return forbidden(`This API is not supported for ${kind} permissions (${kind} tokens).`);
  return kind === "application"
    ? forbidden(
        `Missing role permissions on the request. API requires one of '${accepted.join(", ")}'. Roles on the request '${held.join(", ")}'.`,
      )
    : forbidden(
        `Missing scope permissions on the request. API requires one of '${accepted.join(", ")}'. Scopes on the request '${held.join(", ")}'.`,
      );
}

// ---- chats ------------------------------------------------------------------------------------------
export const chatNotFound = (id: string) => notFound(`Chat '${id}' was not found.`);
export const callerNotInChat = (id: string) =>
  forbidden(`The signed-in user is not a member of chat '${id}', so it cannot be read or changed.`);
export const chatTypeRequired = () => badRequest("Property 'chatType' is required: 'oneOnOne' or 'group'.");
export const chatTypeNotCreatable = (value: unknown) =>
  badRequest(
    `chatType '${String(value)}' cannot be created: use 'oneOnOne' or 'group' (meeting chats are made by online meetings).`,
  );
export const membersRequired = () => badRequest("Chat members cannot be null. (Parameter 'Members')");
export const oneOnOneMemberCount = (n: number) =>
  badRequest(`A oneOnOne chat must have exactly 2 members; the request has ${n}.`);
export const groupTooFewMembers = (n: number) =>
  badRequest(`A group chat needs at least 2 members; the request has ${n}.`);
export const topicOnlyForGroup = () => badRequest("A topic can only be set on group chats, not oneOnOne.");
export const topicNotString = () => badRequest("Property 'topic' must be a string.");
export const topicTooLong = (n: number) =>
  badRequest(`The chat topic is ${n} characters long; the maximum is 250.`);
export const topicHasColon = () => badRequest("The chat topic must not contain ':'.");
export const topicBlank = () => badRequest("The chat topic must not be empty or only whitespace.");
export const groupTooManyMembers = (n: number, max: number) =>
  badRequest(`A group chat can have at most ${max} members; the request has ${n}.`);
export const onlyTopicUpdatable = (keys: readonly string[]) =>
  badRequest(`Only 'topic' can be updated on a chat; the request also sets ${quote(keys)}.`);
export const callerNotAmongMembers = (userId: string) =>
  forbidden(`The signed-in user '${userId}' must be one of the chat's members.`);
export const tooManyInstalledApps = (n: number) =>
  badRequest(`Only one app can be installed when a chat is created; the request has ${n}.`);
export const installedAppsNotList = () => badRequest("Property 'installedApps' must be a list.");
export const deletionNeedsAdmin = (userId: string) =>
  forbidden(
    `User '${userId}' is not a tenant or Teams service administrator: deleting chats with delegated permissions is only supported for administrators.`,
  );
export const meNeedsDelegated = () =>
  badRequest("/me request is only valid with delegated authentication flow.");
export const othersChatsNotListable = (user: string) =>
  forbidden(
    `A signed-in user can list only their own chats (/me/chats), not those of '${user}'; listing another user's chats needs an application token.`,
  );
export const hideBodyInvalid = (action: string) =>
  badRequest(`${action} needs a body {"user": {"id": "<user id>", "tenantId": "<tenant id>"}}.`);
export const hideOnlyForSelf = (action: string, userId: string) =>
  forbidden(`${action} can only be called for the signed-in user, not for '${userId}'.`);

// ---- roster -----------------------------------------------------------------------------------------
export const memberNotObject = (where: string) => badRequest(`${where} must be a conversationMember object.`);
export const memberTypeUnsupported = (where: string, type: string) =>
  badRequest(
    `${where}: @odata.type '${type}' is not supported; use '#microsoft.graph.aadUserConversationMember'.`,
  );
export const rolesRequired = (where: string) =>
  badRequest(`${where}: 'roles' must be specified: ["owner"], or ["guest"] for guest users.`);
export const rolesNotOne = (where: string, roles: readonly unknown[]) =>
  badRequest(
    `${where}: 'roles' must hold exactly one role, ["owner"] or ["guest"] for guest users; got ${JSON.stringify(roles)}.`,
  );
export const memberPropertyUnsupported = (where: string, property: string, supported: readonly string[]) =>
  badRequest(
    `${where}: property '${property}' is not supported by ${EMULATOR} for a conversationMember; supported: ${supported.join(", ")}.`,
  );
export const roleNotSupported = (role: string) =>
  badRequest(`The passed-in role '${role}' is not supported.`);
export const userBindInvalid = (where: string, value: unknown) =>
  badRequest(
    `${where}: 'user@odata.bind' must be a URL like https://graph.microsoft.com/v1.0/users('{id|upn}') or …/users/{id|upn}; got ${JSON.stringify(value)}.`,
  );
export const memberUserNotFound = (where: string, user: string) =>
  notFound(`${where}: user '${user}' was not found in the directory.`);
export const guestRoleRequired = (where: string, user: string) =>
  badRequest(`${where}: '${user}' is a guest of the tenant and must have the role 'guest'.`);
export const guestRoleOnlyForGuests = (where: string, user: string) =>
  badRequest(`${where}: '${user}' is a member of the tenant; the role 'guest' is only for guest users.`);
export const federatedTenantRequired = (where: string, user: string, tenantId: string) =>
  badRequest(
    `${where}: user '${user}' belongs to tenant ${tenantId}; set 'tenantId' to it for a federated member.`,
  );
export const homeTenantMismatch = (where: string, user: string, tenantId: string, given: unknown) =>
  badRequest(
    `${where}: user '${user}' belongs to this tenant (${tenantId}), not ${JSON.stringify(given)}; omit 'tenantId' (it names the tenant of a federated member).`,
  );
export const federatedMustBeOwner = (where: string, user: string) =>
  badRequest(`${where}: '${user}' is a user of another tenant and must have the role 'owner'.`);
export const visibleHistoryInvalid = (where: string, value: unknown) =>
  badRequest(
    `${where}: 'visibleHistoryStartDateTime' must be an ISO 8601 date-time; got ${JSON.stringify(value)}.`,
  );
export const duplicateMember = (userId: string) =>
  badRequest(`User '${userId}' is listed more than once in members; each user can be listed only once.`);
export const oneOnOneRosterFixed = () =>
  badRequest("Members cannot be added to or removed from a oneOnOne chat; its roster is fixed.");
export const alreadyMember = (userId: string, chatId: string) =>
  conflict(`User '${userId}' is already a member of chat '${chatId}'.`);
export const memberNotFound = (membershipId: string, chatId: string) =>
  notFound(`Member '${membershipId}' was not found in chat '${chatId}'.`);

// ---- operations, users, app catalog ---------------------------------------------------------------
export const operationNotFound = (opId: string, chatId: string) =>
  notFound(`Operation '${opId}' was not found for chat '${chatId}'.`);
export const userNotFound = (user: string) =>
  new GraphHttpError(
    404,
    "Request_ResourceNotFound",
    `Resource '${user}' does not exist or one of its queried reference-property objects are not present.`,
  );

// ---- installed apps ---------------------------------------------------------------------------------
export const teamsAppBindInvalid = (value: unknown) =>
  badRequest(
    `'teamsApp@odata.bind' must be a URL like https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{id}; got ${JSON.stringify(value)}.`,
  );
export const consentInvalid = () =>
  badRequest(
    '\'consentedPermissionSet\' must be {"resourceSpecificPermissions": [{"permissionValue": "…", "permissionType": "application"|"delegated"}]}.',
  );
export const consentDuplicate = (permission: string) =>
  badRequest(`'consentedPermissionSet' lists the permission '${permission}' more than once.`);
export const teamsAppNotFound = (id: string) =>
  notFound(`Teams app '${id}' was not found in the app catalog.`);
export const consentMismatch = (appId: string, required: string, given: string) =>
  badRequest(
    `The consented permissions for app '${appId}' do not match what its definition requires: ${required || "none"}; got ${given || "none"}.`,
  );
export const consentPermissionRequired = (appId: string) =>
  forbidden(
    `App '${appId}' needs resource-specific consent; installing it needs a TeamsAppInstallation.ReadWriteAndConsent…ForChat permission.`,
  );
export const selfOnlyPermission = (appId: string, held: readonly string[]) =>
  forbidden(
    `App '${appId}' is not the calling app: ${held.join(", ")} only let an app install, upgrade or remove itself; ` +
      "managing other apps needs TeamsAppInstallation.ReadWriteForChat… (…ReadWriteAndConsentForChat… for apps that need consent).",
  );
export const appAlreadyInstalled = (appId: string, chatId: string) =>
  conflict(`App '${appId}' is already installed in chat '${chatId}'.`);
export const installationNotFound = (id: string, chatId: string) =>
  notFound(`Installation '${id}' was not found in chat '${chatId}'.`);

// ---- messages ---------------------------------------------------------------------------------------
export const messageNotFound = (id: string, chatId: string) =>
  notFound(`Message '${id}' was not found in chat '${chatId}'.`);
export const messageBodyRequired = () => badRequest("The message body is required: body.content.");
export const messageBodyEmpty = () => badRequest("The message body must not be empty.");
export const contentTypeInvalid = (t: string) =>
  badRequest(`body.contentType must be 'text' or 'html'; got '${t}'.`);
export const messageTooLarge = (bytes: number, max: number) =>
  make(413, "RequestEntityTooLarge")(`The message is ${bytes} bytes; Teams accepts at most ${max} bytes.`);
export const importanceInvalid = (v: string) =>
  badRequest(`importance must be normal, high or urgent; got '${v}'.`);
export const mentionsNeedHtml = () =>
  badRequest("Mentions and attachment references need body.contentType 'html'.");
export const mentionWithoutEntry = (n: number) =>
  badRequest(`The body has <at id="${n}"> but mentions has no entry with id ${n}.`);
export const entryWithoutMention = (n: unknown) =>
  badRequest(`Mention ${String(n)} has no <at id="${String(n)}"> tag in the body.`);
export const attachmentMissing = (id: string) =>
  badRequest(`The body references attachment '${id}', which is not in attachments.`);
export const attachmentUnreferenced = (id: unknown) =>
  badRequest(`Attachment '${String(id)}' is not referenced by <attachment id="${String(id)}"> in the body.`);
export const importFieldsFromUser = () =>
  badRequest(
    "createdDateTime and from can only be set when an application imports messages in migration mode.",
  );
export const importFieldsRequired = () =>
  badRequest("Imported messages need createdDateTime and from.user.id.");
export const appPostNeedsMigration = (chatId: string) =>
  forbidden(
    `Applications can only post messages while importing: chat '${chatId}' is not in migration mode (call startMigration first).`,
  );
export const duplicateImport = (at: string, chatId: string) =>
  conflict(`A message created at ${at} was already imported into chat '${chatId}'.`);
export const notInMigration = (chatId: string) => badRequest(`Chat '${chatId}' is not in migration mode.`);
export const messagePropertiesUnknown = (keys: readonly string[], known: readonly string[]) =>
  badRequest(
    `Properties ${quote(keys)} are not settable on a new chatMessage; settable: ${known.join(", ")}.`,
  );
export const importInFuture = (at: string) =>
  badRequest(`An imported message's createdDateTime '${at}' is in the future.`);
export const importBeforeChat = (at: string, since: string) =>
  badRequest(
    `An imported message's createdDateTime '${at}' is before the conversation's creation (${since}); startMigration's conversationCreationDateTime can move it into the past.`,
  );
export const importSenderUnknown = (userId: string) =>
  badRequest(`The imported message's sender '${userId}' is not a user of the importing app's tenant.`);
export const migrationDateInvalid = (value: unknown, created: string) =>
  badRequest(
    `conversationCreationDateTime must be a date-time before the chat's creation (${created}); got ${JSON.stringify(value)}.`,
  );
export const appEditsPolicyViolationOnly = () =>
  forbidden("Applications can only update policyViolation on chat messages.");
export const policyViolationInvalid = () =>
  badRequest("policyViolation must be a chatMessagePolicyViolation object (or null).");
export const policyViolationNeedsApp = () =>
  badRequest("policyViolation can only be updated with application permissions.");
export const messagePropertiesNotUpdatable = (keys: readonly string[]) =>
  badRequest(`These message properties cannot be updated: ${keys.join(", ")}.`);
export const onlySenderMayEdit = () => forbidden("Only the sender of a message can edit it.");
export const deletedMessageNotEditable = () => badRequest("A deleted message cannot be edited.");
export const ownPathOnly = (action: string) =>
  forbidden(`${action} is only possible under the signed-in user's own /users/{id} path.`);
export const onlySenderMayDelete = () => forbidden("Only the sender can delete or restore a message.");
export const topOutOfRange = (v: unknown) => badRequest(`$top must be between 1 and 50; got '${String(v)}'.`);
export const orderbyUnsupported = (v: string) =>
  badRequest(
    `$orderby '${v}' is not supported: use lastModifiedDateTime desc or createdDateTime desc (descending only).`,
  );
export const skipTokenInvalid = () => badRequest("$skiptoken is not one this emulator issued.");

// ---- throttling and injected faults -----------------------------------------------------------------
export const tooManyRequests = (retryAfterSeconds: number, scope: string) =>
  make(429, "TooManyRequests")(`Too many requests (${scope}); retry after ${retryAfterSeconds} seconds.`, {
    "retry-after": String(retryAfterSeconds),
  });
const faultCodes: Record<number, string> = {
  400: "BadRequest",
  401: "InvalidAuthenticationToken",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};
export const injectedFault = (status: number, retryAfterSeconds?: number) =>
  make(status, faultCodes[status] ?? "InjectedFault")(
    `Injected fault (status ${status}) from the pulumi-msteams emulator's fault rules.`,
    retryAfterSeconds !== undefined ? { "retry-after": String(retryAfterSeconds) } : {},
  );

// ---- inspection endpoint (/_emulator, not Graph; same envelope) ------------------------------------
export const invalidFaultRule = (detail: string) => badRequest(`Invalid fault rule: ${detail}`);
export const invalidEmulatorConfig = (detail: string) =>
  badRequest(`Invalid emulator configuration: ${detail}`);

// ---- safe by default (safety.ts): Host check, admin token, nesting depth ----------------------------
export const hostNotAllowed = (host: string, allowed: readonly string[]) =>
  forbidden(
    `Host '${host}' is not this emulator's address (${allowed.join(", ")}); requests through other names are refused against DNS rebinding.`,
  );
export const adminTokenInvalid = () =>
  make(
    401,
    "Unauthorized",
  )(
    "State-changing /_emulator calls need 'Authorization: Bearer <admin token>'; the token is printed in the emulator's banner (RunningEmulator.adminToken in code).",
  );
export const adminJsonRequired = (contentType: string) =>
  make(
    415,
    "UnsupportedMediaType",
  )(`State-changing /_emulator calls need 'Content-Type: application/json'; got '${contentType}'.`);
export const bodyTooDeep = (limit: number) =>
  badRequest(`The request body is nested deeper than ${limit} levels, which ${EMULATOR} refuses.`);

// ---- token endpoint: Entra's error shape {error, error_description}, not Graph's ---------------------
export class EntraError extends Error {
  override readonly name = "EntraError";
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}
export const unknownClient = (clientId: string, tenant: string) =>
  new EntraError(
    400,
    "unauthorized_client",
    `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
  );
export const clientNotInTenant = (clientId: string, tenant: string) =>
  new EntraError(
    400,
    "invalid_request",
    `AADSTS90002: Tenant '${tenant}' is not the tenant of application '${clientId}'.`,
  );
// The secret itself is never echoed.
export const invalidClientSecret = (clientId: string) =>
  new EntraError(
    401,
    "invalid_client",
    `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value for app '${clientId}'.`,
  );
export const invalidUserCredentials = () =>
  new EntraError(
    400,
    "invalid_grant",
    "AADSTS50126: Error validating credentials due to invalid username or password.",
  );
export const userNotInTokenTenant = (user: string, tenant: string) =>
  new EntraError(
    400,
    "invalid_grant",
    `AADSTS50034: The user account ${user} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`,
  );
export const unsupportedGrantType = (grant: string) =>
  new EntraError(
    400,
    "unsupported_grant_type",
    `AADSTS70003: grant_type '${grant}' is not supported by the pulumi-msteams emulator (supported: client_credentials with a secret, certificate or federated assertion; password; device_code; refresh_token).`,
  );
export const scopeMissing = () =>
  new EntraError(
    400,
    "invalid_request",
    "AADSTS90014: The required field 'scope' is missing from the request.",
  );
export const scopeNotDefault = (scope: string) =>
  new EntraError(
    400,
    "invalid_scope",
    `AADSTS1002012: The provided value for scope '${scope}' is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (https://graph.microsoft.com/.default).`,
  );

// ---- JSON batching: https://learn.microsoft.com/graph/json-batching ----------------------------------
export const invalidBatch = (message: string) => badRequest(`Invalid batch request: ${message}`);
export const failedDependency = (id: string, dependsOn: string) =>
  make(
    424,
    "FailedDependency",
  )(`Request '${id}' was not run: the request it depends on ('${dependsOn}') failed.`);

// Client assertions (certificates and federated credentials), device code and managed identity, with
// the AADSTS codes Entra documents: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
export const credentialMissing = (clientId: string) =>
  new EntraError(
    401,
    "invalid_client",
    `AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret' (app '${clientId}' is not a public client).`,
  );
export const assertionInvalid = (detail: string) =>
  new EntraError(401, "invalid_client", `AADSTS50027: JWT token is invalid or malformed: ${detail}.`);
export const assertionExpired = () =>
  new EntraError(401, "invalid_client", "AADSTS700024: Client assertion is not within its valid time range.");
export const assertionKeyUnknown = (clientId: string) =>
  new EntraError(
    401,
    "invalid_client",
    `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application '${clientId}'.`,
  );
export const assertionSignatureInvalid = () =>
  new EntraError(401, "invalid_client", "AADSTS700027: Client assertion failed signature validation.");
export const assertionAudience = (expected: string) =>
  new EntraError(
    401,
    "invalid_client",
    `AADSTS700021: The audience of the client assertion is not valid; expected '${expected}'.`,
  );
export const federationNoMatch = (issuer: string, subject: string) =>
  new EntraError(
    400,
    "invalid_request",
    `AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: '${issuer}'. Assertion Subject: '${subject}'.`,
  );
export const federationIssuerUnknown = (issuer: string) =>
  new EntraError(
    400,
    "invalid_request",
    `AADSTS700211: No matching federated identity record found for presented assertion issuer '${issuer}'.`,
  );
export const authorizationPending = () =>
  new EntraError(
    400,
    "authorization_pending",
    "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
  );
export const deviceCodeExpired = () =>
  new EntraError(
    400,
    "expired_token",
    "AADSTS70020: The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
  );
export const deviceCodeUnknown = () =>
  new EntraError(
    400,
    "invalid_grant",
    "AADSTS70000: The provided value for the 'device_code' parameter is not valid.",
  );
export const refreshTokenInvalid = () =>
  new EntraError(
    400,
    "invalid_grant",
    "AADSTS9002313: Invalid request. The refresh token is malformed or not valid.",
  );
export const managedIdentityRefused = (detail: string) =>
  new EntraError(401, "invalid_request", `Managed identity request refused: ${detail}.`);
