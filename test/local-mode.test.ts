import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { temporaryDirectory } from "./support/local-graph.ts";

/**
 * Local mode is for trying the app on one machine: `npm start` (scripts/start.ts)
 * listens on loopback only, keeps its data readable by its owner only, and
 * under NODE_ENV=production refuses to start without tenant settings instead
 * of falling back to the demo sign-in.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill("SIGKILL");
  child = undefined;
});

/** The environment of a fresh shell: none of the test runner's own settings. */
function cleanEnvironment(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...extra };
}

function start(env: Record<string, string>): Promise<{ url: string; output: () => string }> {
  child = spawn(process.execPath, ["scripts/start.ts"], { cwd: ROOT, env: cleanEnvironment(env) });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 60_000);
    const onData = (chunk: unknown) => {
      output += String(chunk);
      const match = /Öppna:\s+(http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], output: () => output });
      }
    };
    child?.stdout?.on("data", onData);
    child?.stderr?.on("data", onData);
    child?.on("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

/** Local addresses of the TCP sockets a process listens on, read with `ss`. */
function listeningAddresses(pid: number): string[] {
  const lines = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" }).split("\n");
  return lines
    .filter((line) => line.includes(`pid=${pid},`))
    .map((line) => line.trim().split(/\s+/)[3] ?? "");
}

describe("npm start (local mode)", () => {
  test("listens on loopback only, and its data is readable by its owner only", async () => {
    const dataDir = temporaryDirectory("avtal-start-");
    const { url } = await start({ PORT: "0", LOCAL_GRAPH_PORT: "0", DATA_DIR: dataDir });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const addresses = listeningAddresses(child?.pid ?? 0);
    // The app and the local Graph service (with its Entra ID and connector stand-ins).
    expect(addresses.length).toBeGreaterThanOrEqual(2);
    for (const address of addresses) expect(address).toMatch(/^(127\.\d+\.\d+\.\d+|\[::1\]):\d+$/);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, "local-sign-in.jwk.json")).mode & 0o777).toBe(0o600);
  });

  test("listening on other interfaces is an explicit setting that warns", async () => {
    const { output } = await start({
      PORT: "0",
      LOCAL_GRAPH_PORT: "0",
      DATA_DIR: temporaryDirectory("avtal-start-"),
      LISTEN_ADDRESS: "0.0.0.0",
    });
    expect(output()).toContain("VARNING: lokalt läge lyssnar på 0.0.0.0");
    expect(listeningAddresses(child?.pid ?? 0)).toContainEqual(
      expect.stringMatching(/^0\.0\.0\.0:/),
    );
  });
});

describe("fail closed", () => {
  test("NODE_ENV=production without tenant settings names what is missing and exits non-zero", () => {
    const dataDir = temporaryDirectory("avtal-prod-");
    let failure: { status: number | null; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, ["scripts/start.ts"], {
        cwd: ROOT,
        env: cleanEnvironment({ NODE_ENV: "production", PORT: "0", DATA_DIR: dataDir }),
        encoding: "utf8",
        stdio: "pipe",
        timeout: 30_000,
      });
    } catch (error) {
      failure = error as { status: number | null; stderr: string };
    }
    expect(failure?.status).toBe(1);
    for (const name of ["TENANT_ID", "CLIENT_ID", "SHAREPOINT_SITE_ID"])
      expect(failure?.stderr).toContain(name);
    // Nothing was started: no demo key, no local database.
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  test("npm run start:prod runs with NODE_ENV=production", () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;
    expect(scripts["start:prod"]).toMatch(/^NODE_ENV=production /);
  });
});
