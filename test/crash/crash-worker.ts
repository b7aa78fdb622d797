/**
 * One life of the app for the crash test: starts the app and its local Graph
 * service on the given data folder, then writes as fast as it can — new
 * contracts, edits of one follow-up, report drafts — while posting the day's
 * reminders, printing a line for each write the API acknowledged. The test
 * kills it with SIGKILL at a random moment.
 *
 *   node test/crash/crash-worker.ts <dataDir> <runId>
 */
import { createLogger } from "../../api/src/logger.ts";
import { startApp } from "../../api/src/server.ts";
import { localTestConfig, UNLIMITED } from "../support/app.ts";
import { contractBody } from "../support/bodies.ts";

const [dataDir, runId] = process.argv.slice(2);
if (!dataDir || !runId) throw new Error("usage: crash-worker.ts <dataDir> <runId>");
const TODAY = new Date("2026-11-24T07:00:00+01:00");

const running = await startApp(localTestConfig(dataDir), {
  logger: createLogger("silent"),
  now: () => TODAY,
  scheduleReminders: false,
  rateLimits: UNLIMITED,
});
const url = running.appUrl;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function call(method: string, path: string, token?: string, body?: unknown, etag?: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...(etag ? { "If-Match": etag } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are read freely here.
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

const people = (await call("GET", "/api/local-auth/users")).body.items as Array<{
  id: string;
  email: string;
}>;
const anna = people.find((person) => person.email === "anna.lindqvist@asby.se")!;
const token = (await call("POST", "/api/local-auth/token", undefined, { userId: anna.id })).body
  .accessToken as string;
const me = (await call("GET", "/api/me", token)).body;
const van = me.committees.find((committee: { code: string }) => committee.code === "VAN").id;
const followUp = (await call("GET", `/api/follow-ups?committeeId=${van}`, token)).body.items[0];
say(`READY ${followUp.id}`);

const reminders = running.reminders
  .run()
  .then((result) => say(`REMINDERS ${JSON.stringify(result)}`));

for (let step = 0; ; step += 1) {
  switch (step % 3) {
    case 0: {
      const number = `KRASCH-${runId}-${step}`;
      const created = await call(
        "POST",
        "/api/contracts",
        token,
        contractBody(van, me.user, `Krasch ${runId}/${step}`),
      );
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      // The number is set by the body helper; report the one stored.
      say(`ACK contract ${created.body.contractNumber} ${number}`);
      break;
    }
    case 1: {
      const current = await call("GET", `/api/follow-ups/${followUp.id}`, token);
      const value = `Körning ${runId}, steg ${step}`;
      say(`TRY followup ${value}`);
      const saved = await call(
        "PATCH",
        `/api/follow-ups/${followUp.id}`,
        token,
        { serviceEvaluation: value },
        current.body.etag,
      );
      if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
      say(`ACK followup ${value}`);
      break;
    }
    default: {
      const report = await call("POST", "/api/reports", token, { type: "namnd", committeeId: van });
      if (report.status !== 201) throw new Error(JSON.stringify(report.body));
      say(`ACK report ${report.body.report.id}`);
    }
  }
  if (step === 0) await Promise.race([reminders, new Promise((resolve) => setTimeout(resolve, 0))]);
}
