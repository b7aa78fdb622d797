/**
 * `npm run playground -- <person>`: lets Microsoft 365 Agents Playground speak
 * as one of the demo people. Writes `.m365agentsplayground.yml` (read by the
 * Playground from the folder it starts in) with the person's directory id and
 * a team that is their nämnd's Microsoft 365 group, then prints how to start
 * the Playground against the app started with `BOT_ALLOW_UNAUTHENTICATED=true
 * npm start`. Local mode only.
 */
import fs from "node:fs";
import path from "node:path";
import { DEMO_USERS, type DemoUserKey } from "../api/src/demo/demo-people.ts";
import { parseWith } from "../api/src/graph/json.ts";
import { readAll } from "../api/src/graph/paging.ts";
import { directoryUser } from "../api/src/http/routes/local-auth.ts";
import { AppStore } from "../api/src/store/app-store.ts";
import { connect, runScript } from "./graph-connection.ts";

const PEOPLE = Object.keys(DEMO_USERS).join(", ");
const CONFIG_FILE = ".m365agentsplayground.yml";

await runScript(async () => {
  const key = process.argv[2] as DemoUserKey | undefined;
  if (!key || !(key in DEMO_USERS)) {
    throw new Error(`Användning: npm run playground -- <person>, där person är en av ${PEOPLE}.`);
  }
  const connection = await connect();
  try {
    if (connection.config.mode !== "local") {
      throw new Error("Agents Playground används bara i lokalt läge.");
    }
    const person = DEMO_USERS[key];
    const users = await readAll(
      connection.access,
      "/users?$select=id,displayName,mail,userPrincipalName&$top=999",
      parseWith(directoryUser),
    );
    const idOf = (email: string) =>
      users.find((candidate) => (candidate.mail ?? candidate.userPrincipalName) === email)?.id;
    if (!idOf(person.email))
      throw new Error(
        `${person.name} finns inte i den lokala katalogen; starta appen en gång först (npm start).`,
      );
    const committees = await new AppStore(connection.access, connection.siteRef).committees();
    const team = committees.find((committee) =>
      person.memberOf.some((code) => code === committee.code),
    );
    const playgroundUser = (demoKey: DemoUserKey) => {
      const demo = DEMO_USERS[demoKey];
      const [givenName = demo.name, ...rest] = demo.name.split(" ");
      return {
        id: `demo-${demoKey}`,
        name: demo.name,
        userPrincipleName: demo.email,
        aadObjectId: idOf(demo.email) ?? "",
        givenName,
        surname: rest.join(" "),
        email: demo.email,
      };
    };
    // JSON is YAML: the Playground's configuration (schema 0.1.1), written without a YAML library.
    const config = {
      version: "0.1.1",
      tenantId: "00000000-0000-4000-8000-00000000a5b7",
      bot: { id: "6f1c2b4e-0a7d-4c1f-9a55-0b0e5b7a10c1", name: "Avtalsuppföljning" },
      currentUser: playgroundUser(key),
      // The Playground's schema wants exactly five other people in its chats.
      users: (Object.keys(DEMO_USERS) as DemoUserKey[])
        .filter((other) => other !== key)
        .slice(0, 5)
        .map(playgroundUser),
      personalChat: { id: `personal-${key}` },
      groupChat: { id: "group-chat", name: "Gruppchatt" },
      team: {
        id: `team-${team?.code.toLowerCase() ?? "ingen"}`,
        name: team?.name ?? "Team utan nämnd",
        aadGroupId: team?.groupId ?? "00000000-0000-4000-8000-000000000000",
        channels: [
          {
            id: `19:${team?.code.toLowerCase() ?? "ingen"}-playground@thread.tacv2`,
            name: "Allmänt",
          },
        ],
      },
    };
    fs.writeFileSync(path.resolve(CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`, {
      mode: 0o600,
    });
    console.log(
      [
        `${CONFIG_FILE} skriven: Playground talar som ${person.name}${team ? ` i ${team.name}s team` : ""}.`,
        "Starta appen med BOT_ALLOW_UNAUTHENTICATED=true npm start och sedan, i den här mappen:",
        "  npx @microsoft/m365agentsplayground -e http://localhost:3978/api/messages -c msteams",
      ].join("\n"),
    );
  } finally {
    await connection.close();
  }
});
