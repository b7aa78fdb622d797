import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { expect, test } from "vitest";
import { SECRET_FILE } from "../src/index.ts";
import {
  createTestList,
  graphAccess,
  readAll,
  startTestGraph,
  temporaryDirectory,
} from "./support.ts";

const CLI = path.resolve(import.meta.dirname, "../src/cli.ts");

/** The package's command line as a child process; resolves with its printed base URL. */
async function spawnLocalGraph(
  dataDir: string,
): Promise<{ child: ChildProcess; graphUrl: string }> {
  const child = spawn(process.execPath, [CLI], {
    env: { ...process.env, LOCAL_GRAPH_PORT: "0", LOCAL_GRAPH_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const graphUrl = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`local graph exited with ${code}`)));
  });
  expect(graphUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
  return { child, graphUrl };
}

/** A client of a service another process started: the secret comes from its data folder. */
function accessFor(graphUrl: string, dataDir: string) {
  const secret = fs.readFileSync(path.join(dataDir, SECRET_FILE), "utf8").trim();
  return graphAccess({ origin: graphUrl.replace(/\/v1\.0$/, ""), secret });
}

test("data survives a clean restart and item ids keep rising", async () => {
  const dataDir = temporaryDirectory();
  const first = await startTestGraph({ dataDir });
  const list = await createTestList(first.access, "Beständig", [{ name: "n", number: {} }]);
  await first.access.client.api(`${list.url}/items`).post({ fields: { n: 1 } });
  await first.stop();

  const second = await startTestGraph({ dataDir });
  const items = await readAll<{ id: string }>(second.access, `${list.url}/items`);
  expect(items.map((item) => item.id)).toEqual(["1"]);
  const next = (await second.access.client.api(`${list.url}/items`).post({ fields: { n: 2 } })) as {
    id: string;
  };
  expect(next.id).toBe("2");
  await second.stop();
});

test("every acknowledged write survives kill -9 of the service", async () => {
  const dataDir = temporaryDirectory();
  const { child, graphUrl } = await spawnLocalGraph(dataDir);
  const access = accessFor(graphUrl, dataDir);
  const list = await createTestList(access, "Kraschtest", [{ name: "n", number: {} }]);

  const acknowledged: string[] = [];
  const killAt = 40 + Math.floor(Math.random() * 40);
  let killed = false;
  // Several writers at once, so the kill lands while writes are in flight.
  const writers = Array.from({ length: 4 }, async (_, writer) => {
    for (let index = 0; !killed; index += 1) {
      try {
        const item = (await access.client
          .api(`${list.url}/items`)
          .post({ fields: { n: writer * 1000 + index } })) as { id: string };
        acknowledged.push(item.id);
        if (acknowledged.length >= killAt && !killed) {
          killed = true;
          child.kill("SIGKILL");
        }
      } catch {
        return;
      }
    }
  });
  await Promise.all(writers);
  await new Promise((resolve) =>
    child.exitCode === null && child.signalCode === null
      ? child.once("exit", resolve)
      : resolve(null),
  );
  expect(child.signalCode).toBe("SIGKILL");

  const restarted = await spawnLocalGraph(dataDir);
  try {
    const items = await readAll<{ id: string }>(
      accessFor(restarted.graphUrl, dataDir),
      `${list.url}/items?$top=500`,
    );
    const stored = new Set(items.map((item) => item.id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAt);
    for (const id of acknowledged) expect(stored.has(id), `item ${id}`).toBe(true);
  } finally {
    restarted.child.kill("SIGKILL");
  }
});
