/**
 * `npm start`: the app in the configured mode. With no tenant settings this is
 * local mode: the local Graph service (data under DATA_DIR) and the app.
 */

import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../api/src/config.ts";
import { isLoopbackAddress, startApp } from "../api/src/server.ts";

try {
  // `npm start` tries the app locally unless told otherwise; under NODE_ENV=production
  // (npm run start:prod, the container) only tenant mode starts.
  const config = loadConfig(process.env, process.cwd(), { defaultMode: "local" });
  // From a checkout the tab is built when its sources changed; a production image ships it built.
  if (fs.existsSync(path.resolve(import.meta.dirname, "../teams-app"))) {
    const { buildTabIfStale } = await import("./build-tab.ts");
    if (await buildTabIfStale()) console.log("Fliken är byggd.");
  }
  const running = await startApp(config);
  const lines = [
    "",
    `  Avtalsuppföljning körs (${config.mode === "local" ? "lokalt läge" : "klientläge"})`,
    `  Öppna:            ${running.appUrl}`,
    ...(config.mode === "local"
      ? [
          `  I Teams (lokal):  ${running.appUrl.replace("//localhost:", "//127.0.0.1:")}/teams-host/`,
        ]
      : []),
    `  Graph:            ${running.graphUrl}`,
    ...(config.mode === "local" ? [`  Data:             ${config.dataDir}`] : []),
    ...(config.mode === "local" && !isLoopbackAddress(config.listenAddress)
      ? [
          "",
          `  VARNING: lokalt läge lyssnar på ${config.listenAddress} (LISTEN_ADDRESS), inte bara på den här datorn.`,
          "  Alla som når adressen kan logga in som vilken demoperson som helst. Använd det bara i ett skyddat testnät.",
        ]
      : []),
    "  Avsluta med Ctrl+C.",
    "",
  ];
  console.log(lines.join("\n"));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("Stänger …");
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
