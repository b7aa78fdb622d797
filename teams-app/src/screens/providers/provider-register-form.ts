import type { ProviderRegisterCard, ProviderRegisterInput } from "../../types.ts";

/**
 * The provider card's form without React: what it starts from (the entry, or
 * a proposal from the contracts when there is none yet) and what it sends.
 * The API checks the organisationsnummer (check digit) and the rest; its
 * Swedish messages are shown at the field.
 */

export interface RegisterDraft {
  name: string;
  orgNumber: string;
  weakFinances: boolean;
  ivoDecisionPending: boolean;
  financesNote: string;
  authorityNote: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export type RegisterField = keyof RegisterDraft;

/** The form's fields in order, for focusing the first one with an error. */
export const REGISTER_FIELDS: readonly RegisterField[] = [
  "name",
  "orgNumber",
  "weakFinances",
  "ivoDecisionPending",
  "financesNote",
  "authorityNote",
  "contactName",
  "contactEmail",
  "contactPhone",
];

export function initialRegisterDraft(card: ProviderRegisterCard): RegisterDraft {
  const entry = card.entry;
  if (entry)
    return {
      name: entry.name,
      orgNumber: entry.orgNumber,
      weakFinances: entry.weakFinances,
      ivoDecisionPending: entry.ivoDecisionPending,
      financesNote: entry.financesNote,
      authorityNote: entry.authorityNote,
      contactName: entry.contactName,
      contactEmail: entry.contactEmail,
      contactPhone: entry.contactPhone,
    };
  return {
    name: card.proposal.name,
    orgNumber: card.proposal.orgNumber,
    weakFinances: false,
    ivoDecisionPending: false,
    financesNote: "",
    authorityNote: "",
    contactName: "",
    contactEmail: "",
    contactPhone: "",
  };
}

/** What can be told before sending; the API says the rest. */
export function registerDraftErrors(draft: RegisterDraft): Partial<Record<RegisterField, string>> {
  return draft.name.trim() === "" ? { name: "Ange leverantörens namn" } : {};
}

export function toRegisterBody(draft: RegisterDraft): ProviderRegisterInput {
  return {
    name: draft.name.trim(),
    orgNumber: draft.orgNumber.trim(),
    weakFinances: draft.weakFinances,
    ivoDecisionPending: draft.ivoDecisionPending,
    financesNote: draft.financesNote.trim(),
    authorityNote: draft.authorityNote.trim(),
    contactName: draft.contactName.trim(),
    contactEmail: draft.contactEmail.trim(),
    contactPhone: draft.contactPhone.trim(),
  };
}
