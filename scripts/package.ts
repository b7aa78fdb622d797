/**
 * `npm run package`: fills manifest/manifest.template.json from configuration,
 * draws the icons, validates the manifest offline against the Teams schema
 * shipped in @microsoft/app-manifest, and writes dist/appPackage.zip.
 * Settings: TEAMS_APP_ID, CLIENT_ID, APP_HOSTNAME, BOT_ID (default CLIENT_ID),
 * PUBLISHER_NAME, PUBLISHER_WEBSITE, PRIVACY_URL, TERMS_URL, APP_VERSION.
 */
import fs from "node:fs";
import path from "node:path";
import { buildAppPackage, PackageError } from "./app-package.ts";

const root = path.resolve(import.meta.dirname, "..");
try {
  const result = buildAppPackage(process.env, root);
  fs.mkdirSync(path.dirname(result.zipPath), { recursive: true });
  fs.writeFileSync(result.zipPath, result.zip);
  console.log(
    `Appaketet är klart och giltigt mot manifestschema ${result.manifestVersion}: ${path.relative(root, result.zipPath)}`,
  );
} catch (error) {
  console.error(error instanceof PackageError ? error.message : error);
  process.exit(1);
}
