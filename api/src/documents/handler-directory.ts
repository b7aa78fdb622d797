import type { Handler } from "../domain/report-models.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { graphStatusOf } from "../graph/json.ts";
import { directoryUser } from "../graph/shapes.ts";

/**
 * The handläggare of a draft is the person generating it, as the directory
 * knows them: name, job title and e-mail from Entra ID (Graph `/users`,
 * which the app may read with User.Read.All). Looked up by object id, then
 * by sign-in name (UPN); when the directory cannot say, the names from the
 * sign-in are used.
 */

export interface Requester {
  /** Entra object id; empty when there is no signed-in person (the command line). */
  id: string;
  name: string;
  email: string;
}

/** Answers that mean "not here" or "not allowed to look": fall back to the sign-in's names. */
const NOT_FOUND = new Set([400, 403, 404]);

export async function handlerOf(access: GraphAccess, requester: Requester): Promise<Handler> {
  const fallback: Handler = { name: requester.name, title: "", email: requester.email };
  for (const key of [requester.id, requester.email].filter((value) => value.trim() !== "")) {
    try {
      const user = directoryUser.parse(
        await access.client
          .api(`/users/${encodeURIComponent(key)}`)
          .select("displayName,jobTitle,mail,userPrincipalName")
          .get(),
      );
      return {
        name: user.displayName || requester.name,
        title: user.jobTitle ?? "",
        email: user.mail || user.userPrincipalName || requester.email,
      };
    } catch (error) {
      const status = graphStatusOf(error);
      if (status === undefined || !NOT_FOUND.has(status)) throw error;
    }
  }
  return fallback;
}
