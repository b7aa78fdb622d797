import { periodKindOf } from "../domain/annual-cycle.ts";
import { swedishDate } from "../domain/dates.ts";
import { mandatePeriodContaining } from "../domain/mandate-period.ts";
import type { Committee } from "../domain/model.ts";
import {
  committeeReport,
  feedbackLetter,
  kickoffReport,
  ksCompilation,
  planReport,
  type RegisterData,
  type ReportModel,
} from "../domain/report-models.ts";
import { latestCompletePeriod, periodFromKey } from "../domain/reporting-period.ts";
import type { AppStore } from "../store/app-store.ts";
import { type PublishResult, ReportPublisher } from "./report-publisher.ts";

/**
 * What a person (or the command line) asks for, turned into a model from the
 * register and published: the one path for the tab, the API and scripts.
 */

export type ReportRequest =
  | { type: "namnd"; committeeId: string; period?: string | undefined }
  | { type: "ks"; year?: number | undefined }
  | { type: "plan"; committeeId: string; mandatePeriod?: string | undefined }
  | { type: "uppstart"; kickoffId: string }
  | { type: "aterkoppling"; followUpId: string };

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

  async register(): Promise<RegisterData> {
    const data = await this.store.cycleData();
    return { ...data, municipality: data.settings };
  }

  /** The nämnd a request concerns (KS for the compilation). */
  async committeeOf(request: ReportRequest, data?: RegisterData): Promise<Committee> {
    const register = data ?? (await this.register());
    const byId = (id: string) => {
      const committee = register.committees.find((candidate) => candidate.id === id);
      if (!committee) throw new ReportRequestError("Nämnden finns inte.");
      return committee;
    };
    switch (request.type) {
      case "ks": {
        const ks = register.committees.find((committee) => committee.isKs);
        if (!ks) throw new ReportRequestError("Ingen nämnd är markerad som kommunstyrelsen.");
        return ks;
      }
      case "namnd":
      case "plan":
        return byId(request.committeeId);
      case "uppstart": {
        const meeting = register.kickoffs.find((candidate) => candidate.id === request.kickoffId);
        if (!meeting) throw new ReportRequestError("Uppstartsmötet finns inte.");
        return byId(meeting.committeeId);
      }
      case "aterkoppling": {
        const followUp = register.followUps.find(
          (candidate) => candidate.id === request.followUpId,
        );
        if (!followUp) throw new ReportRequestError("Uppföljningen finns inte.");
        return byId(followUp.committeeId);
      }
    }
  }

  model(
    request: ReportRequest,
    data: RegisterData,
    committee: Committee,
  ): { model: ReportModel; key: string } {
    const today = swedishDate(this.now());
    switch (request.type) {
      case "namnd": {
        const kind = periodKindOf(committee, data.municipality);
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
        return {
          model: committeeReport(data, committee, period, today),
          key: `namnd|${committee.id}|${period.key}`,
        };
      }
      case "ks": {
        const year = request.year ?? Number(today.slice(0, 4));
        if (!Number.isInteger(year) || year < 2000 || year > 2100)
          throw new ReportRequestError("Ange ett årtal, t.ex. 2026.");
        return { model: ksCompilation(data, year, today), key: `ks|${committee.id}|${year}` };
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
          model: planReport(data, committee, plan, today),
          key: `plan|${committee.id}|${mandate}`,
        };
      }
      case "uppstart": {
        const meeting = data.kickoffs.find((candidate) => candidate.id === request.kickoffId)!;
        const contract = data.contracts.find((candidate) => candidate.id === meeting.contractId);
        if (!contract) throw new ReportRequestError("Avtalet för uppstartsmötet finns inte.");
        return {
          model: kickoffReport(data, committee, meeting, contract, today),
          key: `uppstart|${committee.id}|${meeting.id}`,
        };
      }
      case "aterkoppling": {
        const followUp = data.followUps.find((candidate) => candidate.id === request.followUpId)!;
        const contract = data.contracts.find((candidate) => candidate.id === followUp.contractId);
        if (!contract) throw new ReportRequestError("Avtalet för uppföljningen finns inte.");
        return {
          model: feedbackLetter(data, committee, contract, followUp, today),
          key: `aterkoppling|${committee.id}|${followUp.id}`,
        };
      }
    }
  }

  async generate(request: ReportRequest, generatedBy: string): Promise<PublishResult> {
    const data = await this.register();
    const committee = await this.committeeOf(request, data);
    const { model, key } = this.model(request, data, committee);
    return this.publisher.publish(model, committee, key, generatedBy, this.now());
  }
}
