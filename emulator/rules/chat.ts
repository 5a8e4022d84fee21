import type { Directory } from "../directory";
import {
  bodyPropertyUnsupported,
  callerNotAmongMembers,
  chatTypeNotCreatable,
  chatTypeRequired,
  groupTooFewMembers,
  groupTooManyMembers,
  installedAppsNotList,
  membersRequired,
  oneOnOneMemberCount,
  onlyTopicUpdatable,
  tooManyInstalledApps,
  topicBlank,
  topicHasColon,
  topicNotString,
  topicOnlyForGroup,
  topicTooLong,
} from "../errors";
import type { NewChat } from "../store/store";
import type { Caller } from "../tokens";
import { type AppEntry, parseAppEntry } from "./apps";
import { checkUnique, ENTIRE_HISTORY, resolveMember } from "./roster";

/** The properties of a create-chat body (docs/graph-api.md §2); any other one is refused. */
const CREATE_PROPERTIES = ["@odata.type", "chatType", "topic", "members", "installedApps"];
const TOPIC_MAX = 250;
/** Teams' limit on people in a group chat: https://learn.microsoft.com/microsoftteams/limits-specifications-teams */
const GROUP_MEMBERS_MAX = 250;

export interface CreateChatRequest {
  chat: NewChat;
  /** The one `installedApps` entry; whether the app can be installed is the async operation's business. */
  app: AppEntry | undefined;
}

/** Topic rules of create and PATCH: a string with some text, of at most 250 characters, without ':'. */
export function validTopic(topic: unknown): string {
  if (typeof topic !== "string") throw topicNotString();
  if (topic.trim() === "") throw topicBlank();
  if (topic.length > TOPIC_MAX) throw topicTooLong(topic.length);
  if (topic.includes(":")) throw topicHasColon();
  return topic;
}

/** Checks a POST /chats body against Graph's rules, cheapest checks first. */
export function parseCreateChat(
  dir: Directory,
  caller: Caller,
  body: Record<string, unknown>,
): CreateChatRequest {
  const extra = Object.keys(body).find((k) => !CREATE_PROPERTIES.includes(k));
  if (extra !== undefined) throw bodyPropertyUnsupported(extra, "POST /chats", CREATE_PROPERTIES);
  const chatType = body["chatType"];
  if (chatType === undefined || chatType === null) throw chatTypeRequired();
  if (chatType !== "oneOnOne" && chatType !== "group") throw chatTypeNotCreatable(chatType);
  const raw = body["members"];
  if (!Array.isArray(raw) || raw.length === 0) throw membersRequired();
  const apps = body["installedApps"] ?? [];
  if (!Array.isArray(apps)) throw installedAppsNotList();
  if (apps.length > 1) throw tooManyInstalledApps(apps.length);
  const hasTopic = body["topic"] !== undefined && body["topic"] !== null;
  if (chatType === "oneOnOne") {
    if (raw.length !== 2) throw oneOnOneMemberCount(raw.length);
    if (hasTopic) throw topicOnlyForGroup();
  } else if (raw.length < 2) {
    throw groupTooFewMembers(raw.length);
  } else if (raw.length > GROUP_MEMBERS_MAX) {
    throw groupTooManyMembers(raw.length, GROUP_MEMBERS_MAX);
  }
  const topic = hasTopic ? validTopic(body["topic"]) : null;
  const members = raw.map((m, i) => resolveMember(dir, m, `members[${i}]`, ENTIRE_HISTORY));
  checkUnique(members);
  // Every participant, including the signed-in user, must be listed (docs/graph-api.md §2).
  if (
    caller.kind === "delegated" &&
    !members.some((m) => m.userId.toLowerCase() === caller.userId?.toLowerCase())
  )
    throw callerNotAmongMembers(caller.userId ?? "");
  return { chat: { chatType, topic, members }, app: apps.length ? parseAppEntry(apps[0]) : undefined };
}

/** A PATCH /chats/{id} body: only `topic`, only on group chats. */
export function parseTopicPatch(chatType: string, body: Record<string, unknown>): string {
  const other = Object.keys(body).filter((k) => k !== "topic");
  if (other.length) throw onlyTopicUpdatable(other);
  if (chatType !== "group") throw topicOnlyForGroup();
  return validTopic(body["topic"]);
}
