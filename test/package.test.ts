import fs from "node:fs";
import path from "node:path";
import PizZip from "pizzip";
import { PNG } from "pngjs";
import { expect, test } from "vitest";
import { buildAppPackage, PackageError } from "../scripts/app-package.ts";
import { temporaryDirectory } from "./support/local-graph.ts";

const root = path.resolve(import.meta.dirname, "..");
const SETTINGS = {
  TEAMS_APP_ID: "11111111-2222-3333-4444-555555555555",
  CLIENT_ID: "66666666-7777-8888-9999-000000000000",
  APP_HOSTNAME: "avtal.asby.se",
  PUBLISHER_NAME: "Åsby kommun",
};

test("the app package: a valid 1.30 manifest, icons in the required sizes, everything at the zip's root", () => {
  const built = buildAppPackage(SETTINGS, root);
  const zip = new PizZip(built.zip);
  expect(Object.keys(zip.files).sort()).toEqual([
    "color.png",
    "en-us.json",
    "manifest.json",
    "outline.png",
  ]);
  const manifest = JSON.parse(zip.file("manifest.json")!.asText());
  expect(manifest).toMatchObject({
    manifestVersion: "1.30",
    id: SETTINGS.TEAMS_APP_ID,
    localizationInfo: { defaultLanguageTag: "sv-se" },
    validDomains: ["avtal.asby.se"],
    webApplicationInfo: {
      id: SETTINGS.CLIENT_ID,
      resource: `api://avtal.asby.se/${SETTINGS.CLIENT_ID}`,
    },
  });
  expect(manifest.bots[0].botId).toBe(SETTINGS.CLIENT_ID);
  expect(manifest.bots[0].commandLists[0].commands.length).toBeLessThanOrEqual(12);
  expect(manifest.staticTabs[0].contentUrl).toBe("https://avtal.asby.se/#/oversikt");
  expect(manifest.configurableTabs[0].configurationUrl).toBe("https://avtal.asby.se/#/konfigurera");
  const color = PNG.sync.read(Buffer.from(zip.file("color.png")!.asUint8Array()));
  const outline = PNG.sync.read(Buffer.from(zip.file("outline.png")!.asUint8Array()));
  expect([color.width, color.height]).toEqual([192, 192]);
  expect([outline.width, outline.height]).toEqual([32, 32]);
  // The outline icon is white on transparent only.
  for (let offset = 0; offset < outline.data.length; offset += 4) {
    const [r, g, b, a] = outline.data.subarray(offset, offset + 4);
    expect(a === 0 || (r === 255 && g === 255 && b === 255 && a === 255)).toBe(true);
  }
});

test("bad settings are refused with a clear Swedish message", () => {
  expect(() =>
    buildAppPackage({ ...SETTINGS, APP_HOSTNAME: "https://avtal.asby.se/app" }, root),
  ).toThrow(/APP_HOSTNAME måste vara ett värdnamn/);
  expect(() => buildAppPackage({ ...SETTINGS, TEAMS_APP_ID: "abc" }, root)).toThrow(
    /TEAMS_APP_ID måste vara ett GUID/,
  );
});

test("a manifest the schema refuses is reported with the path of the bad value", () => {
  const copy = temporaryDirectory("manifest-");
  fs.mkdirSync(path.join(copy, "manifest"));
  fs.copyFileSync(path.join(root, "package.json"), path.join(copy, "package.json"));
  fs.copyFileSync(path.join(root, "manifest/en-us.json"), path.join(copy, "manifest/en-us.json"));
  const template = fs
    .readFileSync(path.join(root, "manifest/manifest.template.json"), "utf8")
    .replace('"accentColor": "#1F6F8B"', '"accentColor": "blå"');
  fs.writeFileSync(path.join(copy, "manifest/manifest.template.json"), template);
  let error: unknown;
  try {
    buildAppPackage(SETTINGS, copy);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(PackageError);
  expect((error as Error).message).toContain("manifest.json följer inte Teams manifestschema 1.30");
  expect((error as Error).message).toContain("/accentColor");
});
