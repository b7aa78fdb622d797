/**
 * `npm run report -- <typ> [--namnd <namn>] [--period <år>]`: generates a report
 * draft the same way the tab does and prints where it went.
 * Types: namnd, ks, plan, uppstart, aterkoppling (`--utforare` when the contract
 * has several providers). `--handlaggare <e-post>` names the handläggare, looked
 * up in the directory. Defaults: the latest complete period; all nämnder for ks.
 * In local mode the draft lands in the local library under DATA_DIR.
 */
import { parseArgs } from "node:util";
import { OUTCOME_TEXT } from "../api/src/documents/report-publisher.ts";
import { type ReportRequest, ReportService } from "../api/src/documents/report-service.ts";
import { REPORT_TYPES, type ReportType } from "../api/src/domain/model.ts";
import { AppStore } from "../api/src/store/app-store.ts";
import { connect, runScript } from "./graph-connection.ts";

const USAGE =
  "Användning: npm run report -- <namnd|ks|plan|uppstart|aterkoppling> [--namnd <namn eller kod>] [--period <år eller 2021–2022>] [--id <uppstartsmöte/uppföljning>] [--utforare <namn>] [--handlaggare <e-post>]";

await runScript(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      namnd: { type: "string" },
      period: { type: "string" },
      id: { type: "string" },
      utforare: { type: "string" },
      handlaggare: { type: "string" },
    },
  });
  const type = positionals[0] as ReportType | undefined;
  if (!type || !REPORT_TYPES.includes(type)) throw new Error(USAGE);
  const connection = await connect();
  try {
    const store = new AppStore(connection.access, connection.siteRef);
    const service = new ReportService(store);
    const committees = await store.committees();
    const findCommittee = () => {
      const wanted = values.namnd?.trim().toLocaleLowerCase("sv");
      if (!wanted)
        throw new Error(
          `Ange nämnd med --namnd. Nämnder: ${committees.map((committee) => committee.name).join(", ")}`,
        );
      const committee = committees.find(
        (candidate) =>
          candidate.name.toLocaleLowerCase("sv") === wanted ||
          candidate.code.toLocaleLowerCase("sv") === wanted,
      );
      if (!committee)
        throw new Error(
          `Nämnden "${values.namnd}" finns inte. Nämnder: ${committees.map((candidate) => candidate.name).join(", ")}`,
        );
      return committee.id;
    };
    let request: ReportRequest;
    switch (type) {
      case "ks":
        request = { type, year: values.period ? Number(values.period) : undefined };
        break;
      case "namnd":
        request = { type, committeeId: findCommittee(), period: values.period };
        break;
      case "plan":
        request = { type, committeeId: findCommittee(), mandatePeriod: values.period };
        break;
      case "uppstart":
        if (!values.id) throw new Error("Ange uppstartsmötets id med --id.");
        request = { type, kickoffId: values.id };
        break;
      case "aterkoppling":
        if (!values.id) throw new Error("Ange uppföljningens id med --id.");
        request = { type, followUpId: values.id, provider: values.utforare };
        break;
    }
    // With --handlaggare the directory names the handläggare; without, the header leaves it for the writer.
    const result = await service.generate(
      request,
      values.handlaggare
        ? { id: "", name: values.handlaggare, email: values.handlaggare }
        : "Kommandoraden",
    );
    console.log(`${OUTCOME_TEXT[result.outcome]} (${result.template})`);
    console.log(`Fil:  ${result.path}`);
    console.log(`Länk: ${result.record.webUrl}`);
  } finally {
    await connection.close();
  }
});
