/**
 * One life of the app for the crash test: starts the app and its local Graph
 * service on the given data folder, then writes as fast as it can — new
 * contracts, edits of one follow-up, report drafts — posting the day's
 * reminders after the first few writes, and prints a line for each write the
 * API acknowledged. It kills itself with
 * SIGKILL at its kill point: the Nth HTTP request to arrive at, or the Nth
 * response to leave, either server in the process (the app or its local Graph
 * service, whose Bot Connector stand-in receives the reminders) after READY.
 * Everything after READY runs one step at a time, so the same kill point
 * stops the same life at the same place.
 *
 *   node test/crash/crash-worker.ts <dataDir> <runId> <request|response>:<N>
 */
import diagnostics from "node:diagnostics_channel";
import { createLogger } from "../../api/src/logger.ts";
import { startApp } from "../../api/src/server.ts";
import { localTestConfig, UNLIMITED } from "../support/app.ts";
import { contractBody } from "../support/bodies.ts";

const [dataDir, runId, killPoint = ""] = process.argv.slice(2);
const kill = /^(request|response):(\d+)$/.exec(killPoint);
if (!dataDir || !runId || !kill) {
  throw new Error("usage: crash-worker.ts <dataDir> <runId> <request|response>:<N>");
}
const killAt = Number(kill[2]);
let armed = false;
let seen = 0;
diagnostics.subscribe(
  kill[1] === "request" ? "http.server.request.start" : "http.server.response.finish",
  () => {
    if (!armed) return;
    seen += 1;
    if (seen === killAt) process.kill(process.pid, "SIGKILL");
  },
);
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
armed = true;

/**
 * The reminders come after this many writes (about 85 requests): each new
 * contract adds a reminder, so with the reminders first the later lives'
 * kill points would all fall among them.
 */
const WRITES_BEFORE_REMINDERS = 12;

for (let step = 0; ; step += 1) {
  if (step === WRITES_BEFORE_REMINDERS) {
    say(`REMINDERS ${JSON.stringify(await running.reminders.run())}`);
  }
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
}
