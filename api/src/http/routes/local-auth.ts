import { Router } from "express";
import { z } from "zod";
import type { GraphAccess } from "../../graph/graph-client-factory.ts";
import { parseWith } from "../../graph/json.ts";
import { readAll } from "../../graph/paging.ts";
import type { LocalPerson, LocalToken } from "../api-shapes.ts";
import type { LocalSignIn } from "../auth/local-sign-in.ts";
import { ProblemError } from "../problem.ts";
import { parseInput } from "../validation.ts";

/**
 * Local mode only: the people in the local directory and a token for the one
 * a person picks. Never mounted in tenant mode.
 */

/** A person in the directory, as Graph's user resource gives them. */
export const directoryUser = z.object({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  mail: z.string().nullable(),
  jobTitle: z.string().nullable().optional(),
});

export function localAuthRouter(graph: GraphAccess, signIn: LocalSignIn): Router {
  const router = Router();
  const users = () =>
    readAll(
      graph,
      "/users?$select=id,displayName,userPrincipalName,mail,jobTitle&$top=999",
      parseWith(directoryUser),
    );

  router.get("/local-auth/users", async (_request, response) => {
    const list = await users();
    response.json({
      items: list
        .map(
          (user): LocalPerson => ({
            id: user.id,
            name: user.displayName,
            email: user.mail ?? user.userPrincipalName,
            description: user.jobTitle ?? "",
          }),
        )
        .sort((a, b) => a.name.localeCompare(b.name, "sv")),
    });
  });

  router.post("/local-auth/token", async (request, response) => {
    const { userId } = parseInput(
      z.object({ userId: z.string().uuid({ error: "Välj en person i listan" }) }),
      request.body,
    );
    const user = (await users()).find((candidate) => candidate.id === userId);
    if (!user) {
      throw new ProblemError({
        status: 400,
        code: "validation",
        title: "Okänd person",
        detail: "Personen finns inte i den lokala katalogen.",
        errors: [{ field: "userId", message: "Välj en person i listan" }],
      });
    }
    const token = await signIn.issue({
      id: user.id,
      name: user.displayName,
      email: user.mail ?? user.userPrincipalName,
    });
    response.json({
      accessToken: token,
      tokenType: "Bearer",
      expiresIn: 8 * 3600,
    } satisfies LocalToken);
  });

  return router;
}
