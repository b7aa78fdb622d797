import { periodKindOf } from "../domain/annual-cycle.ts";
import type { IsoDate } from "../domain/dates.ts";
import { swedishDate } from "../domain/dates.ts";
import { evidenceBasisLines } from "../domain/evidence.ts";
import { mandatePeriodContaining } from "../domain/mandate-period.ts";
import type { Committee, ReportRecord } from "../domain/model.ts";
import { providerNamed } from "../domain/providers.ts";
import { decisionReference } from "../domain/report-life.ts";
import {
  type CommitteeReportModel,
  committeeReport,
  committeeReportFileTitle,
  feedbackLetter,
  type Handler,
  kickoffReport,
  ksCompilation,
  ksCompilationFileTitle,
  planReport,
  type RegisterData,
  type ReportModel,
} from "../domain/report-models.ts";
import {
  latestCompletePeriod,
  periodFromKey,
  type ReportingPeriod,
} from "../domain/reporting-period.ts";
import { swedishList } from "../domain/swedish.ts";
import { kommunFlaggedProviders, kommunRisk } from "../presenters/provider-flags.ts";
import { type AppStore, type CycleData, REPORT_EVIDENCE_PREFIX } from "../store/app-store.ts";
import { NotFoundError } from "../store/store-errors.ts";
import { handlerOf, type Requester } from "./handler-directory.ts";
import {
  draftPath,
  driveOf,
  type LibraryState,
  type PublishResult,
  ReportPublisher,
} from "./report-publisher.ts";

/**
 * What a person (or the command line) asks for, turned into a model from the
 * register and published: the one path for the tab, the API and scripts.
 */

export type ReportRequest =
  | {
      type: "namnd";
      committeeId: string;
      period?: string | undefined;
      /**
       * List the evidence behind each follow-up under Beslutsunderlag. Remembered
       * per nämnd (setting `reportEvidence:<id>`); when left out, the remembered choice.
       */
      evidence?: boolean | undefined;
    }
  | { type: "ks"; year?: number | undefined }
  | { type: "plan"; committeeId: string; mandatePeriod?: string | undefined }
  | { type: "uppstart"; kickoffId: string }
  /** One letter per provider: `provider` names it when the contract has several. */
  | { type: "aterkoppling"; followUpId: string; provider?: string | undefined };

/** A request the register cannot answer (unknown period, no plan …), in Swedish. */
export class ReportRequestError extends Error {}

export class ReportService {
  private readonly store: AppStore;
  private readonly publisher: ReportPublisher;
  private readonly now: () => Date;

  constructor(store: AppStore, now: () => Date = () => new Date()) {
    this.store = store;
    this.publisher = new ReportPublisher(store);
    this.now = now;
  }

  /** The nämnd a request concerns (KS for the compilation), read as cheaply as possible. */
  async committeeOf(request: ReportRequest): Promise<Committee> {
    const committees = await this.store.committees();
    const byId = (id: string) => {
      const committee = committees.find((candidate) => candidate.id === id);
      if (!committee) throw new ReportRequestError("Nämnden finns inte.");
      return committee;
    };
    const record = async (key: "kickoffs" | "followUps", id: string, missing: string) => {
      try {
        return (await this.store.records(key).get(id)).fields.committeeLookupId ?? "";
      } catch (error) {
        if (error instanceof NotFoundError) throw new ReportRequestError(missing);
        throw error;
      }
    };
    switch (request.type) {
      case "ks": {
        const ks = committees.find((committee) => committee.isKs);
        if (!ks) throw new ReportRequestError("Ingen nämnd är markerad som kommunstyrelsen.");
        return ks;
      }
      case "namnd":
      case "plan":
        return byId(request.committeeId);
      case "uppstart":
        return byId(await record("kickoffs", request.kickoffId, "Uppstartsmötet finns inte."));
      case "aterkoppling":
        return byId(await record("followUps", request.followUpId, "Uppföljningen finns inte."));
    }
  }

  /** The reporting period of a nämnd report: the one asked for, or the latest complete one. */
  private committeePeriod(
    request: Extract<ReportRequest, { type: "namnd" }>,
    committee: Committee,
    municipality: RegisterData["municipality"],
    today: IsoDate,
  ): ReportingPeriod {
    const kind = periodKindOf(committee, municipality);
    const period = request.period
      ? periodFromKey(kind, request.period)
      : latestCompletePeriod(kind, today);
    if (!period) {
      throw new ReportRequestError(
        `Perioden "${request.period}" passar inte nämndens uppföljningsperiod (${kind === "calendar" ? "t.ex. 2022" : "t.ex. 2021–2022"}).`,
      );
    }
    if (period.end >= today)
      throw new ReportRequestError(`Perioden ${period.label} är inte avslutad ännu.`);
    return period;
  }

  private ksYear(request: Extract<ReportRequest, { type: "ks" }>, today: IsoDate): number {
    const year = request.year ?? Number(today.slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new ReportRequestError("Ange ett årtal, t.ex. 2026.");
    return year;
  }

  /**
   * The register data a report needs: the nämnd's own for its reports; for
   * the KS compilation the whole kommun's, from the copy kept current by delta.
   * Where the draft's place is known in advance (nämnd report, KS), the
   * library is looked up at the same time.
   */
  private async read(
    request: ReportRequest,
    committee: Committee,
    today: IsoDate,
  ): Promise<{ data: RegisterData; library: LibraryState | undefined }> {
    let early: Pick<ReportModel, "type" | "period" | "date" | "fileTitle"> | undefined;
    let reading: Promise<CycleData & Pick<RegisterData, "deviations" | "flaggedProviders">>;
    if (request.type === "ks") {
      const year = this.ksYear(request, today);
      early = {
        type: "ks",
        period: String(year),
        date: today,
        fileTitle: ksCompilationFileTitle(year),
      };
      // The kommun copy, brought current with items/delta (one batch once warm; the server
      // warms it at start): the strategic contracts' sections, the deviations deficiencies were
      // found from and the providers failing in several nämnder come from the same reading.
      reading = this.store.currentCycleData().then((kommun) => ({
        ...kommun,
        flaggedProviders: kommunFlaggedProviders(
          kommun.contracts,
          kommun.committees,
          kommunRisk({ today, ...kommun, matrix: kommun.settings.riskMatrix }),
        ),
      }));
    } else {
      if (request.type === "namnd") {
        // The settings say the nämnd's period kind; the KS compilation has them in the copy.
        const municipality = await this.store.settings();
        const period = this.committeePeriod(request, committee, municipality, today);
        early = {
          type: "namnd",
          period: period.key,
          date: today,
          fileTitle: committeeReportFileTitle(period.key),
        };
      }
      // Deficiencies found from a deviation belong to the deviation's period: read just those.
      reading = this.store.cycleData(committee.id).then(async (data) => ({
        ...data,
        deviations: await this.store.deviationsById(
          data.deficiencies.flatMap((deficiency) => deficiency.deviationId ?? []),
        ),
      }));
    }
    const [data, library] = await Promise.all([
      reading,
      early ? this.publisher.lookUp(driveOf(committee), draftPath(early), early.type) : undefined,
    ]);
    return { data: { ...data, municipality: data.settings }, library };
  }

  model(
    request: ReportRequest,
    data: RegisterData,
    committee: Committee,
    handler: Handler,
  ): { model: ReportModel; key: string } {
    const today = swedishDate(this.now());
    switch (request.type) {
      case "namnd": {
        const period = this.committeePeriod(request, committee, data.municipality, today);
        return {
          model: committeeReport(data, committee, period, today, handler),
          key: `namnd|${committee.id}|${period.key}`,
        };
      }
      case "ks": {
        const year = this.ksYear(request, today);
        return {
          model: ksCompilation(data, year, today, handler),
          key: `ks|${committee.id}|${year}`,
        };
      }
      case "plan": {
        const mandate = request.mandatePeriod ?? mandatePeriodContaining(today).key;
        const plan = data.plans.find(
          (candidate) =>
            candidate.committeeId === committee.id && candidate.mandatePeriod === mandate,
        );
        if (!plan)
          throw new ReportRequestError(
            `${committee.name} har ingen uppföljningsplan för ${mandate} ännu. Skapa planen under Uppföljningsplan.`,
          );
        return {
          model: planReport(data, committee, plan, today, handler),
          key: `plan|${committee.id}|${mandate}`,
        };
      }
      case "uppstart": {
        const meeting = data.kickoffs.find((candidate) => candidate.id === request.kickoffId);
        if (!meeting) throw new ReportRequestError("Uppstartsmötet finns inte.");
        const contract = data.contracts.find((candidate) => candidate.id === meeting.contractId);
        if (!contract) throw new ReportRequestError("Avtalet för uppstartsmötet finns inte.");
        return {
          model: kickoffReport(data, committee, meeting, contract, handler),
          key: `uppstart|${committee.id}|${meeting.id}`,
        };
      }
      case "aterkoppling": {
        const followUp = data.followUps.find((candidate) => candidate.id === request.followUpId);
        if (!followUp) throw new ReportRequestError("Uppföljningen finns inte.");
        const contract = data.contracts.find((candidate) => candidate.id === followUp.contractId);
        if (!contract) throw new ReportRequestError("Avtalet för uppföljningen finns inte.");
        const names = swedishList(contract.providers.map((provider) => provider.name));
        const provider = request.provider?.trim()
          ? providerNamed(contract, request.provider)
          : contract.providers.length === 1
            ? contract.providers[0]
            : undefined;
        if (!provider) {
          throw new ReportRequestError(
            request.provider?.trim()
              ? `${request.provider} är inte utförare i avtalet ${contract.title}. Utförare: ${names}.`
              : `Avtalet ${contract.title} har ${contract.providers.length > 1 ? "flera utförare" : "ingen utförare"}; återkopplingen skrivs till en utförare i taget. Välj en av: ${names || "(inga)"}.`,
          );
        }
        return {
          model: feedbackLetter(data, committee, contract, followUp, provider, today, handler),
          key: `aterkoppling|${committee.id}|${followUp.id}|${provider.name.toLocaleLowerCase("sv")}`,
        };
      }
    }
  }

  /** Whether the nämnd lists its evidence: the request's choice (then remembered), else the remembered one. */
  private async evidenceChosen(
    request: Extract<ReportRequest, { type: "namnd" }>,
    committee: Committee,
    person: { id: string; name: string; email: string },
  ): Promise<boolean> {
    const stored = (await this.store.settings()).reportEvidence.has(committee.id);
    if (request.evidence === undefined) return stored;
    if (request.evidence !== stored) {
      await this.store.setSetting(
        `${REPORT_EVIDENCE_PREFIX}${committee.id}`,
        request.evidence ? "ja" : "nej",
        person,
      );
    }
    return request.evidence;
  }

  /** Beslutsunderlag lines for the files behind the period's follow-ups of the report's contracts. */
  private async evidenceBasis(
    model: CommitteeReportModel,
    data: RegisterData,
    committee: Committee,
  ): Promise<string[]> {
    const titles = model.sections.map((section) => section.title);
    const followUps = data.followUps.filter(
      (followUp) => followUp.committeeId === committee.id && followUp.period === model.period,
    );
    const contractTitle = new Map(data.contracts.map((contract) => [contract.id, contract.title]));
    const evidence = await Promise.all(
      followUps
        .filter((followUp) => titles.includes(contractTitle.get(followUp.contractId) ?? ""))
        .map(async (followUp) => ({
          contractTitle: contractTitle.get(followUp.contractId) ?? "",
          fileNames: (await this.store.evidence.list(committee, "followUps", followUp.id)).map(
            (file) => file.name,
          ),
        })),
    );
    return evidenceBasisLines(titles, evidence);
  }

  /**
   * `requester`: the person generating (their handläggare details come from
   * the directory), or a name where there is none. `committee`: when the
   * caller already resolved it (to check access), saves a lookup.
   */
  async generate(
    request: ReportRequest,
    requester: Requester | string,
    committee?: Committee,
  ): Promise<PublishResult> {
    const target = committee ?? (await this.committeeOf(request));
    const today = swedishDate(this.now());
    const person =
      typeof requester === "string" ? { id: "", name: requester, email: "" } : requester;
    const [{ data, library }, handler] = await Promise.all([
      this.read(request, target, today),
      typeof requester === "string"
        ? Promise.resolve<Handler>({ name: "", title: "", email: "" })
        : handlerOf(this.store.access, person),
    ]);
    const { model, key } = this.model(request, data, target, handler);
    if (model.type === "namnd" && request.type === "namnd") {
      if (await this.evidenceChosen(request, target, person)) {
        model.basis = [...model.basis, ...(await this.evidenceBasis(model, data, target))];
      }
    }
    // For these two, (nämnd, type, period) is the row's key: the row just read is the one to update.
    const row =
      model.type === "namnd" || model.type === "ks"
        ? (data.reports.find(
            (report) =>
              report.committeeId === target.id &&
              report.reportType === model.type &&
              report.period === model.period,
          ) ?? null)
        : undefined;
    refuseDecided(
      row ??
        data.reports.find((report) => report.reportKey === key && report.committeeId === target.id),
    );
    return this.publisher.publish(model, target, key, person, this.now(), {
      ...(library ? { library } : {}),
      ...(row !== undefined ? { reportRow: row && { id: row.id, etag: row.etag } } : {}),
    });
  }
}

/** A decided report is the nämnd's record: it is never replaced by a new draft. */
function refuseDecided(row: ReportRecord | undefined | null): void {
  if (row?.status !== "beslutad") return;
  throw new ReportRequestError(
    `${row.title} är beslutad (${decisionReference(row)}) och tas inte fram igen. Den beslutade versionen finns kvar i nämndens bibliotek.`,
  );
}
