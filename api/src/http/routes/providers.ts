import { Router } from "express";
import { z } from "zod";
import { actorOf } from "../../domain/actor.ts";
import { swedishDate } from "../../domain/dates.ts";
import type { Contract } from "../../domain/model.ts";
import { parseOrganisationNumber } from "../../domain/organisation-number.ts";
import {
  answerQuestion,
  entryWithOrgNumber,
  freeTextSources,
  type ProviderEntry,
  proposedEntry,
  registerEntryFor,
  type SameProviderQuestion,
  sameProviderQuestions,
} from "../../domain/provider-register.ts";
import { type ProviderGroup, providerGroups } from "../../domain/provider-signals.ts";
import { providerKeysMemo } from "../../domain/risk.ts";
import { can, type Principal } from "../../policies/access.ts";
import { type HistoryEntry, readableHistory } from "../../presenters/history.ts";
import { kommunRisk } from "../../presenters/provider-flags.ts";
import { presentProviderPage, presentProviderSummary } from "../../presenters/provider-page.ts";
import {
  type ProviderRegisterCard,
  type ProviderRegisterEntry,
  presentQuestion,
  presentRegisterEntry,
} from "../../presenters/provider-register.ts";
import type { AppStore, CycleData } from "../../store/app-store.ts";
import { ConflictError, DuplicateError, NotFoundError } from "../../store/store-errors.ts";
import type { Items, ProviderPage, ProviderSummary } from "../api-shapes.ts";
import { ProblemError } from "../problem.ts";
import { forbidden, identityOf, requireIfMatch } from "../request-context.ts";
import { parseInput, requiredText, text } from "../validation.ts";
import { conflictProblem } from "./records.ts";

/**
 * The kommun's providers, each once however its name was typed, and one
 * provider's page: its contracts across every nämnd (in full where the person
 * may read them, counts elsewhere) and its entry in the provider register.
 * From the kommun copy the KS overview shares (one batch of delta requests
 * once warm, the register and deviations included): one round trip.
 */

/** `org:556000-1234` or `name:trygga händer`, as the list gives them. */
const providerKey = z
  .string()
  .trim()
  .regex(/^(org:\d{6}-\d{4}|name:.{1,200})$/u, { error: "Leverantören är ogiltig" });

/** An organisationsnummer checked with its check digit and stored NNNNNN-NNNN; empty = none known. */
const orgNumber = z
  .string({ error: "Organisationsnumret måste vara text" })
  .trim()
  .max(20, { error: "Organisationsnumret ska ha tio siffror (NNNNNN-NNNN)." })
  .transform((value, context) => {
    if (value === "") return "";
    const parsed = parseOrganisationNumber(value);
    if (parsed.ok) return parsed.value;
    context.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });

/** `PUT /api/providers/:key/register`: the whole entry, as the card's form sends it. */
export const providerRegisterSchema = z.object({
  name: requiredText(200, "Namnet"),
  orgNumber: orgNumber.default(""),
  weakFinances: z.boolean({ error: "Svag ekonomi ska vara ja eller nej" }).default(false),
  ivoDecisionPending: z
    .boolean({ error: "Väntar på beslut från IVO ska vara ja eller nej" })
    .default(false),
  financesNote: text(4000, "Ekonomi").default(""),
  authorityNote: text(4000, "IVO och andra myndigheters beslut").default(""),
  contactName: text(200, "Kontaktpersonens namn").default(""),
  contactEmail: text(320, "Kontaktpersonens e-post")
    .refine((value) => value === "" || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value), {
      error: "Ange en giltig e-postadress (namn@exempel.se)",
    })
    .default(""),
  contactPhone: text(40, "Telefonnumret")
    .refine((value) => value === "" || /^\+?[\d\s()-]{5,}$/.test(value), {
      error: "Telefonnumret får bara innehålla siffror, mellanslag, bindestreck och +",
    })
    .default(""),
});

/** `POST /api/providers/:key/register/answers`: a person's answer to "Samma leverantör?". */
export const providerAnswerSchema = z.object({
  questionId: requiredText(2000, "Frågan"),
  same: z.boolean({
    error: "Svaret ska vara ja (samma leverantör) eller nej (olika leverantörer)",
  }),
});

/** Contracts with a provider of their own (the nämnd's own regime has none). */
function withProviders(data: CycleData): Contract[] {
  return data.contracts.filter((contract) => !contract.ownRegime);
}

function duplicateProblem(other: ProviderEntry, number: string): ProblemError {
  const message = `Organisationsnummer ${number} finns redan i leverantörsregistret, för ${other.name}.`;
  return new ProblemError({
    status: 409,
    code: "duplicate-org-number",
    title: "Finns redan",
    detail: message,
    errors: [{ field: "orgNumber", message }],
  });
}

export function providersRouter(store: AppStore, now: () => Date): Router {
  const router = Router();

  const groupOf = (data: CycleData, key: string): ProviderGroup => {
    const group = providerGroups(withProviders(data), providerKeysMemo()).find((candidate) =>
      candidate.keys.includes(key),
    );
    if (!group) throw new NotFoundError("Leverantören");
    return group;
  };

  /**
   * The provider's open "Samma leverantör?" questions, each with the entry its
   * answer is recorded on: the provider's own, else the one entry the question
   * names (a near name in the register). With neither, the entry is saved first.
   */
  const openQuestions = (
    group: ProviderGroup,
    register: readonly ProviderEntry[],
  ): { question: SameProviderQuestion; entry: ProviderEntry | undefined }[] => {
    const own = registerEntryFor(group.keys, register);
    const sources = freeTextSources(group.contracts, group.keys, providerKeysMemo());
    return sameProviderQuestions(sources, register).flatMap((question) => {
      const [only, ...more] = question.candidateIds;
      const entry =
        own ?? (only && more.length === 0 ? register.find((e) => e.id === only) : undefined);
      // Answered on that entry: not asked again.
      const open = sameProviderQuestions(sources, register, entry).some(
        (candidate) => candidate.id === question.id,
      );
      return open ? [{ question, entry }] : [];
    });
  };

  const registerCard = (
    principal: Principal,
    group: ProviderGroup,
    register: readonly ProviderEntry[],
  ): ProviderRegisterCard => {
    const entry = registerEntryFor(group.keys, register);
    const sources = freeTextSources(group.contracts, group.keys, providerKeysMemo());
    return {
      entry: entry ? presentRegisterEntry(entry) : null,
      canEdit: can.editProviderRegister(principal, group.contracts),
      proposal: proposedEntry(group.name, sources),
      questions: openQuestions(group, register).map(({ question, entry: target }) =>
        presentQuestion(question, target),
      ),
    };
  };

  router.get("/providers", async (_request, response) => {
    const data = await store.cycleView();
    const items = providerGroups(withProviders(data), providerKeysMemo())
      .map(presentProviderSummary)
      .sort((a, b) => a.name.localeCompare(b.name, "sv"));
    response.json({ items } satisfies Items<ProviderSummary>);
  });

  router.get("/providers/:key", async (request, response) => {
    const { principal } = identityOf(response);
    const key = parseInput(providerKey, request.params.key);
    const data = await store.kommunView();
    const today = swedishDate(now());
    const canRead = (contract: Contract) => can.readContract(principal, contract);
    const group = groupOf(data, key);
    // Every contract's deviations count toward its risk, as on the contract's own page; only
    // the readable contracts' are shown.
    const risk = kommunRisk({ today, ...data, matrix: data.settings.riskMatrix });
    const readable = new Set(group.contracts.filter(canRead).map((contract) => contract.id));
    response.json(
      presentProviderPage({
        group,
        register: registerCard(principal, group, data.providers),
        canRead,
        committees: data.committees,
        deficiencies: data.deficiencies,
        deviations: data.deviations.filter((deviation) => readable.has(deviation.contractId)),
        risk,
        keysOf: risk.index.keysOf,
        today,
      }) satisfies ProviderPage,
    );
  });

  /** The register entry's change history (SharePoint's versions), readable as a record's; empty without one. */
  router.get("/providers/:key/register/history", async (request, response) => {
    const key = parseInput(providerKey, request.params.key);
    const data = await store.cycleView();
    const entry = registerEntryFor(groupOf(data, key).keys, data.providers);
    const items = entry
      ? readableHistory("providers", await store.history("providers", entry.id))
      : [];
    response.json({ items } satisfies Items<HistoryEntry>);
  });

  /**
   * Creates the provider's register entry, or changes it at the version the
   * person read (If-Match). One organisationsnummer belongs to one entry.
   */
  router.put("/providers/:key/register", async (request, response) => {
    const { principal } = identityOf(response);
    const key = parseInput(providerKey, request.params.key);
    const group = groupOf(await store.cycleView(), key);
    if (!can.editProviderRegister(principal, group.contracts))
      throw forbidden(
        "Bara kommunledningskontoret och nämnder som har avtal med leverantören kan ändra uppgifterna om den.",
      );
    const input = parseInput(providerRegisterSchema, request.body);
    // Read now, not from the copy: the uniqueness check must see every entry.
    const register = await store.providerRegister();
    const existing = registerEntryFor(group.keys, register);
    const ifMatch = existing ? requireIfMatch(request) : undefined;
    const other = entryWithOrgNumber(register, input.orgNumber, existing?.id);
    if (other) throw duplicateProblem(other, input.orgNumber);
    const by = actorOf(principal);
    // The form does not carry the answers to "Samma leverantör?": they are kept as they are.
    const answers = { sameAs: existing?.sameAs ?? [], notSameAs: existing?.notSameAs ?? [] };
    let saved: ProviderEntry;
    try {
      saved =
        existing && ifMatch
          ? await store.updateProviderEntry(existing.id, ifMatch, { ...input, ...answers }, by)
          : await store.createProviderEntry({ ...input, ...answers }, by);
    } catch (error) {
      if (error instanceof ConflictError && existing) {
        throw conflictProblem(presentRegisterEntry(await store.providerEntry(existing.id)));
      }
      // Someone else took the number between the check and the write.
      if (error instanceof DuplicateError) {
        const taken = entryWithOrgNumber(
          await store.providerRegister(),
          input.orgNumber,
          existing?.id,
        );
        if (taken) throw duplicateProblem(taken, input.orgNumber);
      }
      throw error;
    }
    response.setHeader("ETag", saved.etag);
    response
      .status(existing ? 200 : 201)
      .json(presentRegisterEntry(saved) satisfies ProviderRegisterEntry);
  });

  /**
   * A person answers "Samma leverantör?": yes lists the question's spellings
   * under the entry's "Även känd som" (so their contracts get its notes), no
   * notes them as another provider. Recorded on the entry at the version the
   * person read (If-Match); without an entry, the entry is saved first.
   */
  router.post("/providers/:key/register/answers", async (request, response) => {
    const { principal } = identityOf(response);
    const key = parseInput(providerKey, request.params.key);
    const group = groupOf(await store.cycleView(), key);
    if (!can.editProviderRegister(principal, group.contracts))
      throw forbidden(
        "Bara kommunledningskontoret och nämnder som har avtal med leverantören kan svara på om det är samma leverantör.",
      );
    const input = parseInput(providerAnswerSchema, request.body);
    const register = await store.providerRegister();
    const asked = openQuestions(group, register).find(
      ({ question }) => question.id === input.questionId,
    );
    if (!asked)
      throw new ProblemError({
        status: 409,
        code: "question-not-asked",
        title: "Frågan ställs inte",
        detail:
          "Frågan om samma leverantör ställs inte längre, kanske har någon redan svarat. Ladda om sidan.",
      });
    const { question, entry } = asked;
    if (!entry)
      throw new ProblemError({
        status: 409,
        code: "register-entry-missing",
        title: "Uppgifterna saknas",
        detail:
          "Spara uppgifterna om leverantören först; sedan kan du svara på om det är samma leverantör.",
      });
    const ifMatch = requireIfMatch(request);
    const { id, etag: _etag, nameKey: _nameKey, ...fields } = entry;
    let saved: ProviderEntry;
    try {
      saved = await store.updateProviderEntry(
        id,
        ifMatch,
        { ...fields, ...answerQuestion(entry, question, input.same) },
        actorOf(principal),
      );
    } catch (error) {
      if (error instanceof ConflictError) {
        throw conflictProblem(presentRegisterEntry(await store.providerEntry(id)));
      }
      throw error;
    }
    response.setHeader("ETag", saved.etag);
    response.json(presentRegisterEntry(saved) satisfies ProviderRegisterEntry);
  });

  return router;
}
