/**
 * `npm run templates`: writes the sample template of each report type to
 * docs/mallar/<typ>.docx, for a kommun to start its own from (put it in the
 * nämnd's library as Mallar/<typ>.docx). The test checks the files are up to date.
 */
import fs from "node:fs";
import path from "node:path";
import { sampleTemplateBytes } from "../api/src/documents/sample-templates.ts";
import { REPORT_TYPES } from "../api/src/domain/model.ts";

const directory = path.join(import.meta.dirname, "..", "docs", "mallar");
fs.mkdirSync(directory, { recursive: true });
for (const type of REPORT_TYPES) {
  const file = path.join(directory, `${type}.docx`);
  fs.writeFileSync(file, await sampleTemplateBytes(type));
  console.log(`Skrev ${path.relative(process.cwd(), file)}`);
}
