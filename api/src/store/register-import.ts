import { z } from "zod";
import type { Actor } from "../domain/actor.ts";
import type { IsoDate } from "../domain/dates.ts";
import type { Committee, Deficiency, FollowUp } from "../domain/model.ts";
import {
  BatchIncomplete,
  type BatchRequest,
  type BatchResponse,
  sendBatch,
} from "../graph/graph-batch.ts";
import { stringOf } from "../graph/json.ts";
import {
  type AnalysedSheet,
  analyse,
  type ImportPlan,
  personReferences,
  planImport,
  type RememberedMapping,
  rememberedFrom,
  type SheetChoice,
} from "../import/import-plan.ts";
import { type PeopleLookup, type PersonMatch, personKey } from "../import/people.ts";
import type { Ref } from "../import/plan-history.ts";
import type { PlannedRow } from "../import/plan-register.ts";
import { countRows, type ImportReport, type RowReport } from "../import/preview.ts";
import type { ReadFile } from "../import/sheet.ts";
import type { PersonReference } from "../import/values.ts";
import type { AppStore } from "./app-store.ts";
import { encodeContract, encodeDeficiency, encodeFollowUp } from "./mappers.ts";
import { odataString } from "./odata.ts";

/**
 * The import's reads and writes: the register as it stands (every contract,
 * the nämnd's follow-ups and deficiencies), the directory for the people the
 * file names, the mapping remembered per nämnd (Inställningar), and the plan
 * carried out in batches of 20, a few in parallel: contracts first, then
 * follow-ups (which may belong to contracts just created), then deficiencies.
 * Updates carry the ETag that was read; a row that fails is reported refused
 * and the import can simply be run again.
 */

export interface ImportRequest {
  committee: Committee;
  files: ReadFile[];
  /** The person's mapping; without it, the remembered one or the proposal. */
  choices?: SheetChoice[];
  today: IsoDate;
}

export interface Prepared {
  sheets: AnalysedSheet[];
  plan: ImportPlan;
  remembered: RememberedMapping;
  /** The nämnd's follow-ups and deficiencies as read: updates are made to these versions. */
  followUps: FollowUp[];
  deficiencies: Deficiency[];
}

const mappingKey = (committeeId: string) => `importMapping:${committeeId}`;

const rememberedSchema = z.record(z.string(), z.record(z.string(), z.string()));

const usersSchema = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      displayName: z.string().nullish(),
      mail: z.string().nullish(),
      userPrincipalName: z.string().nullish(),
    }),
  ),
});
const graphErrorSchema = z.object({ error: z.object({ code: z.string().optional() }) });

export class RegisterImport {
  private readonly store: AppStore;

  constructor(store: AppStore) {
    this.store = store;
  }

  /** Reads what the plan needs and plans every row; writes nothing. */
  async prepare(request: ImportRequest): Promise<Prepared> {
    const remembered = await this.rememberedMapping(request.committee.id);
    const sheets = analyse(request.files, remembered, request.choices);
    const [committees, contracts, followUps, deficiencies, people] = await Promise.all([
      this.store.committees(),
      this.store.allContracts(),
      this.store.followUps({ committeeId: request.committee.id }),
      this.store.deficiencies({ committeeId: request.committee.id }),
      this.lookUpPeople(personReferences(sheets)),
    ]);
    const plan = planImport(request.files, sheets, {
      committee: request.committee,
      committees,
      contracts,
      followUps,
      deficiencies,
      people,
      today: request.today,
    });
    return { sheets, plan, remembered, followUps, deficiencies };
  }

  /** Carries out a prepared plan and remembers the mapping; the report says what was done. */
  async run(
    prepared: Prepared,
    committee: Committee,
    options: { by: Actor; onProgress?: (done: number, total: number) => void },
  ): Promise<ImportReport> {
    const { plan } = prepared;
    const total = [...plan.contracts, ...plan.followUps, ...plan.deficiencies].filter(
      (row) => row.write,
    ).length;
    let done = 0;
    const progress = (count: number) => {
      done += count;
      options.onProgress?.(done, total);
    };
    options.onProgress?.(0, total);
    const { by } = options;
    const store = this.store;
    const failures = new Map<RowReport, string>();

    const contractIds = await this.write(plan.contracts, failures, progress, (write, id) =>
      write.op === "create"
        ? {
            ref: write.key,
            request: store.createRequest("contracts", id, encodeContract(write.fields), by),
          }
        : {
            request: store.updateRequest(
              "contracts",
              id,
              { id: write.id, eTag: write.etag },
              encodeContract(write.fields),
              by,
            ),
          },
    );

    const contractId = (ref: Ref) => ("id" in ref ? ref.id : contractIds.get(ref.key));
    const storedFollowUps = new Map(prepared.followUps.map((item) => [item.id, item]));
    const followUpIds = await this.write(plan.followUps, failures, progress, (write, id) => {
      if (write.op === "create") {
        const contract = contractId(write.contract);
        if (!contract) return undefined;
        return {
          ref: write.key,
          request: store.createRequest(
            "followUps",
            id,
            encodeFollowUp({ ...write.fields, contractId: contract, committeeId: committee.id }),
            by,
          ),
        };
      }
      const stored = storedFollowUps.get(write.id);
      if (!stored) return undefined;
      return {
        request: store.updateRequest(
          "followUps",
          id,
          { id: write.id, eTag: write.etag },
          changedFields(encodeFollowUp(stored), encodeFollowUp({ ...stored, ...write.fields })),
          by,
        ),
      };
    });

    const followUpId = (ref: Ref | undefined) =>
      ref === undefined ? undefined : "id" in ref ? ref.id : followUpIds.get(ref.key);
    const storedDeficiencies = new Map(prepared.deficiencies.map((item) => [item.id, item]));
    await this.write(plan.deficiencies, failures, progress, (write, id) => {
      if (write.op === "create") {
        const contract = contractId(write.contract);
        if (!contract) return undefined;
        return {
          request: store.createRequest(
            "deficiencies",
            id,
            encodeDeficiency({
              ...write.fields,
              contractId: contract,
              committeeId: committee.id,
              followUpId: followUpId(write.followUp),
            }),
            by,
          ),
        };
      }
      const stored = storedDeficiencies.get(write.id);
      if (!stored) return undefined;
      const next: Deficiency = {
        ...stored,
        ...write.fields,
        ...(write.followUp ? { followUpId: followUpId(write.followUp) } : {}),
      };
      return {
        request: store.updateRequest(
          "deficiencies",
          id,
          { id: write.id, eTag: write.etag },
          changedFields(encodeDeficiency(stored), encodeDeficiency(next)),
          by,
        ),
      };
    });

    // The person's mapping is kept unless nothing at all could be written.
    if (total === 0 || failures.size < total) {
      await this.rememberMapping(
        committee.id,
        rememberedFrom(prepared.sheets, prepared.remembered),
        by,
      );
    }
    const rows = plan.report.rows.map((row): RowReport => {
      const reason = failures.get(row);
      return reason ? { ...row, action: "refused", reason, cells: [] } : row;
    });
    return { ...plan.report, rows, counts: countRows(rows) };
  }

  /**
   * Sends the rows' writes as JSON batches of 20, a few batches in parallel,
   * telling progress as each batch is answered. Returns the ids of what was
   * created, by the row's key; a row whose write failed (or whose contract
   * or follow-up was not created) is noted with the reason.
   */
  private async write<W>(
    rows: ReadonlyArray<PlannedRow<W>>,
    failures: Map<RowReport, string>,
    progress: (count: number) => void,
    requestOf: (
      write: W,
      id: string,
    ) => { ref?: string; request: Promise<BatchRequest> } | undefined,
  ): Promise<Map<string, string>> {
    const created = new Map<string, string>();
    const jobs: Array<{ report: RowReport; ref?: string; request: BatchRequest }> = [];
    for (const row of rows) {
      if (!row.write) continue;
      const built = requestOf(row.write, String(jobs.length + 1));
      if (!built) {
        failures.set(row.report, NOT_CREATED);
        progress(1);
        continue;
      }
      jobs.push({
        report: row.report,
        ...(built.ref ? { ref: built.ref } : {}),
        request: await built.request,
      });
    }
    let responses: ReadonlyMap<string, BatchResponse>;
    try {
      responses = await sendBatch(
        this.store.access,
        jobs.map((job) => job.request),
        {
          onBatchDone: progress,
          // A large import is bulk work: it leaves the last fifth of the minute's budget to people.
          beforeBatch: () => this.store.access.rateLimit.yieldToPeople(),
        },
      );
    } catch (error) {
      // Some batches could not be sent (the network, Graph down): the rows of the
      // answered batches are reported as they went, the rest as not answered,
      // and the import can simply run again.
      if (!(error instanceof BatchIncomplete)) throw error;
      responses = error.responses;
    }
    for (const job of jobs) {
      const response = responses.get(job.request.id);
      const failure = failureOf(response);
      if (failure) failures.set(job.report, failure);
      else if (job.ref) {
        const id = stringOf(response?.body, "id");
        if (id !== undefined) created.set(job.ref, id);
      }
    }
    return created;
  }

  // The directory

  /** Each person once: by e-mail (mail or user name) or by exact display name. */
  async lookUpPeople(references: readonly PersonReference[]): Promise<PeopleLookup> {
    const lookup = new Map<string, PersonMatch>();
    if (references.length === 0) return lookup;
    const select = "$select=id,displayName,mail,userPrincipalName&$top=5";
    const requests: BatchRequest[] = references.map((reference, index) => {
      const filter = reference.email
        ? `mail eq ${odataString(reference.email)} or userPrincipalName eq ${odataString(reference.email)}`
        : `displayName eq ${odataString(reference.name ?? "")}`;
      return {
        id: String(index + 1),
        method: "GET",
        url: `/users?$filter=${encodeURIComponent(filter)}&${select}`,
      };
    });
    const responses = await sendBatch(this.store.access, requests);
    references.forEach((reference, index) => {
      const parsed = usersSchema.safeParse(responses.get(String(index + 1))?.body);
      const users = parsed.success ? parsed.data.value : [];
      const [user] = users;
      const match: PersonMatch =
        users.length > 1
          ? { kind: "ambiguous", count: users.length }
          : user
            ? {
                kind: "found",
                person: {
                  id: user.id,
                  name: user.displayName ?? "",
                  email: user.mail ?? user.userPrincipalName ?? "",
                },
              }
            : { kind: "missing" };
      lookup.set(personKey(reference), match);
    });
    return lookup;
  }

  // The remembered mapping

  async rememberedMapping(committeeId: string): Promise<RememberedMapping> {
    const value = await this.store.setting(mappingKey(committeeId));
    if (value === undefined) return {};
    try {
      const parsed = rememberedSchema.safeParse(JSON.parse(value));
      if (!parsed.success) return {};
      const { register, followUps, deficiencies } = parsed.data;
      return {
        ...(register ? { register } : {}),
        ...(followUps ? { followUps } : {}),
        ...(deficiencies ? { deficiencies } : {}),
      };
    } catch {
      // Edited by hand into something else: start from the proposal.
      return {};
    }
  }

  async rememberMapping(committeeId: string, mapping: RememberedMapping, by: Actor): Promise<void> {
    await this.store.setSetting(mappingKey(committeeId), JSON.stringify(mapping), by);
  }
}

const NOT_CREATED =
  "Avtalet eller uppföljningen som raden hör till kunde inte skapas; kör importen igen.";

/** Only the columns whose stored value the change alters. */
function changedFields<T extends object>(before: T, after: T): T {
  const changed = { ...after };
  for (const name of Object.keys(changed)) {
    if (JSON.stringify(Reflect.get(changed, name)) === JSON.stringify(Reflect.get(before, name)))
      Reflect.deleteProperty(changed, name);
  }
  return changed;
}

/** Why a write did not go through, in Swedish; undefined when it did. */
function failureOf(response: BatchResponse | undefined): string | undefined {
  if (!response) return "Raden kunde inte sparas (inget svar från SharePoint); kör importen igen.";
  if (response.status >= 200 && response.status < 300) return undefined;
  const code = graphErrorSchema.safeParse(response.body);
  switch (response.status) {
    case 409:
      return "Avtalsnumret sparades av någon annan under importen; kör importen igen så jämförs raden med det.";
    case 412:
      return "Posten ändrades av någon annan under importen; kör importen igen så jämförs raden med den nya versionen.";
    case 429:
    case 503:
    case 504:
      return "SharePoint är hårt belastat och tog inte emot raden; kör importen igen om en stund. Det som redan är importerat lämnas som det är.";
    default:
      return `SharePoint tog inte emot raden (${response.status}${code.success && code.data.error.code ? ` ${code.data.error.code}` : ""}); kör importen igen.`;
  }
}
