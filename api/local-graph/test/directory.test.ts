import { afterAll, beforeAll, expect, test } from "vitest";
import { graphError, readAll, startTestGraph, type TestGraph } from "./support.ts";

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(async () => {
  await graph.stop();
});

const newUser = (name: string, upn: string) =>
  graph.access.client.api("/users").post({
    accountEnabled: true,
    displayName: name,
    mailNickname: upn.split("@")[0],
    userPrincipalName: upn,
    passwordProfile: { password: "Demo-lösen-1!" },
  }) as Promise<{ id: string }>;

test("users and groups, membership and a user's transitive groups", async () => {
  const anna = await newUser("Anna Lindqvist", "anna@asby.se");
  const erik = await newUser("Erik Johansson", "erik@asby.se");
  const group = (await graph.access.client.api("/groups").post({
    displayName: "Vård- och äldrenämnden",
    mailNickname: "van",
    mailEnabled: true,
    securityEnabled: false,
    groupTypes: ["Unified"],
  })) as {
    id: string;
  };
  await graph.access.client
    .api(`/groups/${group.id}/members/$ref`)
    .post({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${anna.id}` });
  const again = await graphError(
    graph.access.client
      .api(`/groups/${group.id}/members/$ref`)
      .post({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${anna.id}` }),
  );
  expect(again.statusCode).toBe(400);

  const annasGroups = await readAll<{ id: string; "@odata.type": string }>(
    graph.access,
    `/users/${anna.id}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName`,
  );
  expect(annasGroups.map((item) => item.id)).toEqual([group.id]);
  expect(await readAll(graph.access, `/users/${erik.id}/transitiveMemberOf`)).toHaveLength(0);

  const found = await readAll<{ id: string }>(
    graph.access,
    "/users?$filter=userPrincipalName eq 'ERIK@asby.se'",
  );
  expect(found.map((user) => user.id)).toEqual([erik.id]);
  const byNick = await readAll<{ id: string }>(
    graph.access,
    "/groups?$filter=mailNickname eq 'van'",
  );
  expect(byNick).toHaveLength(1);
});

test("required properties and unknown objects are refused with Entra's codes", async () => {
  const missing = await graphError(graph.access.client.api("/users").post({ displayName: "X" }));
  expect(missing.statusCode).toBe(400);
  expect(missing.code).toBe("Request_BadRequest");
  const unknown = await graphError(
    graph.access.client.api("/users/00000000-0000-0000-0000-000000000000").get(),
  );
  expect(unknown.statusCode).toBe(404);
  expect(unknown.code).toBe("Request_ResourceNotFound");
});
