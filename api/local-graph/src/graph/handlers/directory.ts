import type { StoredGroup, StoredUser } from "../../persistence/graph-persistence.ts";
import { GraphError, graphErrors } from "../errors.ts";
import { type GraphRequest, type GraphResponse, json, noContent } from "../graph-request.ts";
import { newGuid } from "../ids.ts";
import { type FilterNode, parseFilter } from "../odata/filter-parser.ts";
import type { ServiceContext } from "../service-context.ts";
import { decodeSkipToken, encodeSkipToken, queryPart } from "./paging.ts";

/**
 * The few Entra ID directory operations the app needs: users, groups, group
 * membership and a user's (transitive) groups, which decide who belongs to
 * which nämnd. Directory errors use Entra's codes (`Request_BadRequest`, …).
 */

const badRequest = (message: string) => new GraphError(400, "Request_BadRequest", message);
const notFound = (id: string) =>
  new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

function presentUser(user: StoredUser) {
  return {
    "@odata.type": "#microsoft.graph.user",
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    mail: user.mail,
    jobTitle: user.jobTitle,
  };
}

function presentGroup(group: StoredGroup) {
  return {
    "@odata.type": "#microsoft.graph.group",
    id: group.id,
    displayName: group.displayName,
    mailNickname: group.mailNickname,
    description: group.description,
    securityEnabled: group.securityEnabled,
    mailEnabled: group.mailEnabled,
    groupTypes: group.groupTypes,
  };
}

function select(object: Record<string, unknown>, request: GraphRequest): Record<string, unknown> {
  const text = request.query.get("$select") ?? request.query.get("select");
  if (!text) return object;
  const picked: Record<string, unknown> = { "@odata.type": object["@odata.type"] };
  for (const name of text.split(",").map((part) => part.trim())) {
    if (!(name in object))
      throw badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.directoryObject'.`,
      );
    picked[name] = object[name];
  }
  return picked;
}

function matches(node: FilterNode, object: Record<string, unknown>): boolean {
  switch (node.kind) {
    case "and":
      return matches(node.left, object) && matches(node.right, object);
    case "or":
      return matches(node.left, object) || matches(node.right, object);
    case "startswith": {
      const value = object[node.field.name];
      return typeof value === "string" && value.toLowerCase().startsWith(node.value.toLowerCase());
    }
    case "compare": {
      if (node.field.scope !== "item" || !(node.field.name in object)) {
        throw badRequest(
          `Unsupported or invalid query filter clause specified for property '${node.field.name}'.`,
        );
      }
      if (node.operator !== "eq" && node.operator !== "ne")
        throw badRequest("Only eq, ne and startswith are supported here.");
      const value = object[node.field.name];
      const literal =
        node.value.kind === "null" ? null : "value" in node.value ? node.value.value : undefined;
      const equal =
        typeof value === "string" && typeof literal === "string"
          ? value.toLowerCase() === literal.toLowerCase()
          : value === literal;
      return node.operator === "eq" ? equal : !equal;
    }
  }
}

function collection(
  context: ServiceContext,
  request: GraphRequest,
  path: string,
  load: (limit: number, after?: string) => Array<Record<string, unknown> & { id: string }>,
): GraphResponse {
  for (const key of request.query.keys()) {
    if (
      ![
        "$select",
        "$filter",
        "$top",
        "$skiptoken",
        "select",
        "filter",
        "top",
        "skiptoken",
      ].includes(key)
    ) {
      throw graphErrors.unsupportedQueryOption(key);
    }
  }
  const topText = request.query.get("$top") ?? request.query.get("top");
  const top = topText === null ? 100 : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > 999)
    throw badRequest("$top must be between 1 and 999.");
  const filterText = request.query.get("$filter") ?? request.query.get("filter");
  const filter = filterText ? parseFilter(filterText) : undefined;
  // Skip tokens are opaque and bound to this collection, so a made-up one is refused.
  const fingerprint = `directory|${path}`;
  const skiptoken = request.query.get("$skiptoken") ?? request.query.get("skiptoken");
  const after = skiptoken === null ? undefined : decodeSkipToken<string>(skiptoken, fingerprint);
  // The directory is small; filter while reading in id order.
  const page: Array<Record<string, unknown> & { id: string }> = [];
  let cursor = after;
  let more = false;
  for (;;) {
    const batch = load(500, cursor);
    for (const object of batch) {
      if (filter && !matches(filter, object)) continue;
      if (page.length === top) {
        more = true;
        break;
      }
      page.push(object);
    }
    if (more || batch.length < 500) break;
    cursor = batch.at(-1)?.id;
  }
  const body: Record<string, unknown> = { value: page.map((object) => select(object, request)) };
  const last = page.at(-1);
  if (more && last) {
    const parts = [...request.query]
      .filter(([key]) => key !== "$skiptoken" && key !== "skiptoken")
      .map(([key, value]) => queryPart(key, value));
    parts.push(queryPart("$skiptoken", encodeSkipToken(last.id, fingerprint)));
    body["@odata.nextLink"] = `${context.origin()}/v1.0${path}?${parts.join("&")}`;
  }
  return json(200, body);
}

function requireString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== "string" || value.trim() === "")
    throw badRequest(`Property '${name}' is required.`);
  return value;
}

function requireBoolean(body: Record<string, unknown>, name: string): boolean {
  const value = body[name];
  if (typeof value !== "boolean") throw badRequest(`Property '${name}' is required.`);
  return value;
}

function objectBody(request: GraphRequest): Record<string, unknown> {
  if (typeof request.body !== "object" || request.body === null || Array.isArray(request.body)) {
    throw badRequest("The request body must be a JSON object.");
  }
  return request.body as Record<string, unknown>;
}

export function directoryRoutes(
  context: ServiceContext,
  segments: string[],
  request: GraphRequest,
  path: string,
): GraphResponse {
  const [resource, id, relation, cast, extra] = segments;
  const persistence = context.persistence;
  const method = request.method;

  if (resource === "users") {
    if (id === undefined) {
      if (method === "GET")
        return collection(context, request, path, (limit, after) =>
          persistence.listUsers(limit, after).map(presentUser),
        );
      if (method !== "POST") throw graphErrors.methodNotAllowed();
      const body = objectBody(request);
      const userPrincipalName = requireString(body, "userPrincipalName");
      const displayName = requireString(body, "displayName");
      requireString(body, "mailNickname");
      requireBoolean(body, "accountEnabled");
      const password = (body.passwordProfile as { password?: unknown } | undefined)?.password;
      if (typeof password !== "string" || password === "")
        throw badRequest("Property 'passwordProfile' is required.");
      if (!/^[^@\s]+@[^@\s]+$/.test(userPrincipalName))
        throw badRequest("Property userPrincipalName is invalid.");
      if (persistence.getUser(userPrincipalName)) {
        throw badRequest(
          "Another object with the same value for property userPrincipalName already exists.",
        );
      }
      const user: StoredUser = {
        id: newGuid(),
        displayName,
        userPrincipalName,
        mail: typeof body.mail === "string" ? body.mail : null,
        jobTitle: typeof body.jobTitle === "string" ? body.jobTitle : null,
      };
      persistence.insertUser(user);
      return json(201, presentUser(user));
    }
    const user = persistence.getUser(decodeURIComponent(id));
    if (!user) throw notFound(id);
    if (relation === undefined) {
      if (method !== "GET") throw graphErrors.methodNotAllowed();
      return json(200, select(presentUser(user), request));
    }
    if ((relation === "memberOf" || relation === "transitiveMemberOf") && extra === undefined) {
      if (method !== "GET") throw graphErrors.methodNotAllowed();
      if (cast !== undefined && cast !== "microsoft.graph.group")
        throw graphErrors.segmentNotFound(cast);
      // Groups do not nest here, so memberOf and transitiveMemberOf agree.
      const groups = persistence.groupsOf(user.id).map(presentGroup);
      return collection(context, request, path, (limit, after) =>
        groups.filter((group) => group.id > (after ?? "")).slice(0, limit),
      );
    }
    throw graphErrors.segmentNotFound(relation);
  }

  if (resource === "groups") {
    if (id === undefined) {
      if (method === "GET")
        return collection(context, request, path, (limit, after) =>
          persistence.listGroups(limit, after).map(presentGroup),
        );
      if (method !== "POST") throw graphErrors.methodNotAllowed();
      const body = objectBody(request);
      const group: StoredGroup = {
        id: newGuid(),
        displayName: requireString(body, "displayName"),
        mailNickname: requireString(body, "mailNickname"),
        description: typeof body.description === "string" ? body.description : null,
        securityEnabled: requireBoolean(body, "securityEnabled"),
        mailEnabled: requireBoolean(body, "mailEnabled"),
        groupTypes: Array.isArray(body.groupTypes) ? body.groupTypes.map(String) : [],
      };
      persistence.insertGroup(group);
      return json(201, presentGroup(group));
    }
    const group = persistence.getGroup(decodeURIComponent(id));
    if (!group) throw notFound(id);
    if (relation === undefined) {
      if (method !== "GET") throw graphErrors.methodNotAllowed();
      return json(200, select(presentGroup(group), request));
    }
    if (relation === "members" && cast === undefined) {
      if (method !== "GET") throw graphErrors.methodNotAllowed();
      const members = persistence.listMembers(group.id).map(presentUser);
      return collection(context, request, path, (limit, after) =>
        members.filter((member) => member.id > (after ?? "")).slice(0, limit),
      );
    }
    if (relation === "members" && cast === "$ref" && extra === undefined) {
      if (method !== "POST") throw graphErrors.methodNotAllowed();
      const reference = objectBody(request)["@odata.id"];
      const memberId =
        typeof reference === "string"
          ? /\/(?:directoryObjects|users)\/([^/?]+)$/.exec(reference)?.[1]
          : undefined;
      if (!memberId) throw badRequest("Invalid '@odata.id'; expected …/directoryObjects/{id}.");
      if (!persistence.getUser(memberId)) throw notFound(memberId);
      if (!persistence.addMember(group.id, memberId)) {
        throw badRequest(
          "One or more added object references already exist for the following modified properties: 'members'.",
        );
      }
      return noContent();
    }
    throw graphErrors.segmentNotFound(relation);
  }
  throw graphErrors.segmentNotFound(resource ?? "");
}
