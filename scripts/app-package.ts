import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import AjvModule from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import PizZip from "pizzip";
import { PNG } from "pngjs";
import { z } from "zod";

/**
 * Builds the Teams app package: manifest from the template and configuration,
 * icons (192×192 colour, 32×32 white outline on transparent), the English
 * localization, zipped with everything at the root. The manifest and the
 * localization are validated offline against the schemas in
 * @microsoft/app-manifest (JSON Schema draft-04, so ajv-draft-04).
 */

export const MANIFEST_VERSION = "1.30";

export class PackageError extends Error {}

const guid = (name: string) =>
  z
    .string({ error: `${name} saknas` })
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
      error: `${name} måste vara ett GUID`,
    });
// Both are CommonJS with a `default` export; under NodeNext the class and function sit on `.default`.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

const https = (name: string) =>
  z.url({ protocol: /^https$/, error: `${name} måste vara en https-adress` });

const settingsSchema = z.object({
  TEAMS_APP_ID: guid("TEAMS_APP_ID"),
  CLIENT_ID: guid("CLIENT_ID"),
  BOT_ID: guid("BOT_ID").optional(),
  APP_HOSTNAME: z
    .string({ error: "APP_HOSTNAME saknas" })
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, {
      error: "APP_HOSTNAME måste vara ett värdnamn utan https:// och sökväg, t.ex. avtal.kommun.se",
    }),
  PUBLISHER_NAME: z
    .string()
    .trim()
    .min(1)
    .max(32, { error: "PUBLISHER_NAME får vara högst 32 tecken" })
    .default("Kommunen"),
  PUBLISHER_WEBSITE: https("PUBLISHER_WEBSITE").optional(),
  PRIVACY_URL: https("PRIVACY_URL").optional(),
  TERMS_URL: https("TERMS_URL").optional(),
  APP_VERSION: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, { error: "APP_VERSION ska vara t.ex. 1.0.0" })
    .optional(),
});

function icon(
  size: number,
  draw: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const offset = (y * size + x) * 4;
      const [r, g, b, a] = draw(x, y);
      png.data[offset] = r;
      png.data[offset + 1] = g;
      png.data[offset + 2] = b;
      png.data[offset + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

/** A document with lines and a tick: the app's mark, drawn at any size. */
function mark(size: number, x: number, y: number): boolean {
  const u = x / size;
  const v = y / size;
  const page = u > 0.25 && u < 0.75 && v > 0.18 && v < 0.82;
  const border = page && (u < 0.3 || u > 0.7 || v < 0.23 || v > 0.77);
  const line =
    page && u > 0.35 && u < 0.65 && [0.35, 0.47, 0.59].some((row) => Math.abs(v - row) < 0.025);
  return border || line;
}

export function icons(): { color: Buffer; outline: Buffer } {
  return {
    color: icon(192, (x, y) => (mark(192, x, y) ? [255, 255, 255, 255] : [31, 111, 139, 255])),
    outline: icon(32, (x, y) => (mark(32, x, y) ? [255, 255, 255, 255] : [0, 0, 0, 0])),
  };
}

function schema(file: string): object {
  const require = createRequire(import.meta.url);
  const directory = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
  return JSON.parse(
    fs.readFileSync(
      path.join(directory, "build/json-schemas/teams", `v${MANIFEST_VERSION}`, file),
      "utf8",
    ),
  ) as object;
}

function validate(document: unknown, schemaFile: string, label: string): void {
  // The schemas use patterns that are not valid under the `u` flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const check = ajv.compile(schema(schemaFile));
  if (!check(document)) {
    const problems = (check.errors ?? []).map(
      (error) =>
        `  - ${error.instancePath || "(roten)"}: ${error.message ?? "ogiltigt"}${error.params && "allowedValues" in error.params ? ` (${(error.params.allowedValues as unknown[]).join(", ")})` : ""}`,
    );
    throw new PackageError(
      `${label} följer inte Teams manifestschema ${MANIFEST_VERSION}:\n${problems.join("\n")}`,
    );
  }
}

export function buildAppPackage(environment: Record<string, string | undefined>, root: string) {
  const parsed = settingsSchema.safeParse(
    Object.fromEntries(
      Object.entries(environment).filter(([, value]) => value !== undefined && value !== ""),
    ),
  );
  if (!parsed.success) {
    throw new PackageError(
      `Appaketet kan inte byggas:\n${parsed.error.issues.map((issue) => `  - ${issue.message}`).join("\n")}`,
    );
  }
  const settings = parsed.data;
  const version =
    settings.APP_VERSION ??
    (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string })
      .version;
  const website = settings.PUBLISHER_WEBSITE ?? `https://${settings.APP_HOSTNAME}/insyn`;
  const values: Record<string, string> = {
    VERSION: version,
    TEAMS_APP_ID: settings.TEAMS_APP_ID,
    CLIENT_ID: settings.CLIENT_ID,
    BOT_ID: settings.BOT_ID ?? settings.CLIENT_ID,
    HOSTNAME: settings.APP_HOSTNAME.toLowerCase(),
    PUBLISHER_NAME: settings.PUBLISHER_NAME,
    PUBLISHER_WEBSITE: website,
    PRIVACY_URL: settings.PRIVACY_URL ?? website,
    TERMS_URL: settings.TERMS_URL ?? website,
  };
  const template = fs.readFileSync(path.join(root, "manifest/manifest.template.json"), "utf8");
  // Values go in as JSON string content, so quotes and backslashes cannot break the document.
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new PackageError(`Mallen har en okänd platshållare {{${name}}}.`);
    return JSON.stringify(value).slice(1, -1);
  });
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  const localization = JSON.parse(
    fs.readFileSync(path.join(root, "manifest/en-us.json"), "utf8"),
  ) as Record<string, unknown>;
  validate(manifest, "MicrosoftTeams.schema.json", "manifest.json");
  validate(localization, "MicrosoftTeams.Localization.schema.json", "en-us.json");

  const { color, outline } = icons();
  const zip = new PizZip();
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
  zip.file("en-us.json", `${JSON.stringify(localization, null, 2)}\n`);
  zip.file("color.png", color);
  zip.file("outline.png", outline);
  return {
    manifest,
    manifestVersion: MANIFEST_VERSION,
    zip: zip.generate({ type: "nodebuffer", compression: "DEFLATE" }),
    zipPath: path.join(root, "dist/appPackage.zip"),
  };
}
