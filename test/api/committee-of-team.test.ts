import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";

/**
 * Which nämnd a team is: the tab in a team asks with the group id Teams gave
 * it, and learns that nämnd's name even when the person may not read it. The
 * list of nämnder never hands out the group ids of nämnder the person may not
 * read (issue 14: group ids only to those who need them).
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

interface Item {
  code: string;
  name: string;
  groupId?: string;
  registryEmail?: string;
}

async function committees(user: "anna" | "karin", query = ""): Promise<Item[]> {
  const answer = await app.call<{ items: Item[] }>("GET", `/api/committees${query}`, { user });
  expect(answer.status).toBe(200);
  return answer.body.items;
}

test("the list shows group ids only of the nämnder the person may read", async () => {
  const anna = await committees("anna");
  expect(anna.find((item) => item.code === "VAN")?.groupId).toMatch(/^[0-9a-f-]{36}$/);
  for (const item of anna.filter((candidate) => candidate.code !== "VAN")) {
    expect(item).not.toHaveProperty("groupId");
    expect(item).not.toHaveProperty("registryEmail");
  }
});

test("asked with a team's group id, the answer names that team's nämnd and no other", async () => {
  // Kommunledningskontoret reads every nämnd, so it can look Socialnämnden's group up.
  const socialGroup = (await committees("karin")).find((item) => item.code === "SN")?.groupId;
  expect(socialGroup).toBeTruthy();
  const anna = await committees("anna", `?groupId=${socialGroup}`);
  expect(anna).toEqual([expect.objectContaining({ code: "SN", name: "Socialnämnden" })]);
  expect(anna[0]?.groupId).toBe(socialGroup);
  // Still nothing the nämnd's readers alone may see.
  expect(anna[0]).not.toHaveProperty("registryEmail");
});

test("a group id that is no nämnd's gives an empty list; a malformed one a Swedish 400", async () => {
  expect(await committees("anna", "?groupId=00000000-0000-4000-8000-000000000000")).toEqual([]);
  const bad = await app.call("GET", "/api/committees?groupId=x'%20or%201%20eq%201", {
    user: "anna",
  });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body.errors)).toMatch(/Ange teamets grupp-id/);
});
