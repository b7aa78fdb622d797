/**
 * `npm run provision [-- --dry-run] [-- --tenant]`: creates or updates the
 * SharePoint schema and prints created / changed / unchanged per list and column.
 * `--tenant` refuses to run unless tenant settings are configured.
 */
import { parseArgs } from "node:util";
import { formatLine, provision } from "../api/src/store/provisioning.ts";
import { connect, runScript } from "./graph-connection.ts";

await runScript(async () => {
  const { values } = parseArgs({
    options: { "dry-run": { type: "boolean" }, tenant: { type: "boolean" } },
  });
  const connection = await connect();
  try {
    if (values.tenant && connection.config.mode !== "tenant") {
      throw new Error(
        "--tenant kräver TENANT_ID, CLIENT_ID, SHAREPOINT_SITE_ID och en klienthemlighet eller ett certifikat (se README).",
      );
    }
    console.log(
      `Provisionerar ${connection.config.mode === "tenant" ? `webbplatsen ${connection.siteRef}` : "den lokala Graph-tjänsten"}${values["dry-run"] ? " (torrkörning, inget ändras)" : ""}`,
    );
    const lines = await provision(connection.access, connection.siteRef, {
      dryRun: values["dry-run"] === true,
      onLine: (line) => console.log(formatLine(line)),
    }).catch((error: unknown) => {
      if ((error as { statusCode?: number }).statusCode === 403) {
        throw new Error(
          "Appen saknar behörighet till webbplatsen (HTTP 403). Med Sites.Selected måste en SharePoint-administratör ge appen rollen fullcontrol på webbplatsen – se docs/driftsattning.md, avsnitt 4.",
        );
      }
      throw error;
    });
    const count = (outcome: string) => lines.filter((line) => line.outcome === outcome).length;
    console.log(
      `\n${count("created")} created, ${count("changed")} changed, ${count("unchanged")} unchanged`,
    );
  } finally {
    await connection.close();
  }
});
