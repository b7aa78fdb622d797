import {
  PROVIDER_FLAG_LABELS,
  type ProviderEntry,
  readableKey,
  type SameProviderQuestion,
} from "../domain/provider-register.ts";

/**
 * The provider register's entry as the provider page shows it: what is noted
 * (organisationsnummer, finances, decisions by IVO and other authorities,
 * contact), the two flags in plain Swedish, and the version to edit it at.
 * Internal only: /insyn never shows these notes.
 */
export interface ProviderRegisterEntry {
  id: string;
  etag: string;
  name: string;
  orgNumber: string;
  weakFinances: boolean;
  ivoDecisionPending: boolean;
  /** "Svag ekonomi", "Väntar på beslut från IVO": the flags that are set. */
  flags: string[];
  financesNote: string;
  authorityNote: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  /** "Även känd som": spellings a person confirmed are this provider, readable. */
  alsoKnownAs: string[];
  /** Spellings a person confirmed are another provider, readable. */
  notSameAs: string[];
}

/** One "Samma leverantör?" question and where its answer is recorded. */
export interface ProviderQuestion {
  /** Sent back with the answer (`POST …/register/answers`). */
  id: string;
  text: string;
  /** The provider keys it asks about. */
  keys: string[];
  /** The entry an answer is recorded on (its ETag for If-Match); null until an entry is saved. */
  entry: { id: string; name: string; etag: string } | null;
}

/** The provider page's card "Uppgifter om leverantören". */
export interface ProviderRegisterCard {
  /** The register entry, or null when none is made yet. */
  entry: ProviderRegisterEntry | null;
  /** Whether the person may create or change it. */
  canEdit: boolean;
  /** Without an entry: what one would be made from (the contracts' spelling and number). */
  proposal: { name: string; orgNumber: string };
  /** "Samma leverantör?": spellings a person should confirm are one provider. */
  questions: ProviderQuestion[];
}

export function presentRegisterEntry(entry: ProviderEntry): ProviderRegisterEntry {
  return {
    id: entry.id,
    etag: entry.etag,
    name: entry.name,
    orgNumber: entry.orgNumber,
    weakFinances: entry.weakFinances,
    ivoDecisionPending: entry.ivoDecisionPending,
    flags: [
      ...(entry.weakFinances ? [PROVIDER_FLAG_LABELS.weakFinances] : []),
      ...(entry.ivoDecisionPending ? [PROVIDER_FLAG_LABELS.ivoDecisionPending] : []),
    ],
    financesNote: entry.financesNote,
    authorityNote: entry.authorityNote,
    contactName: entry.contactName,
    contactEmail: entry.contactEmail,
    contactPhone: entry.contactPhone,
    alsoKnownAs: entry.sameAs.map(readableKey),
    notSameAs: entry.notSameAs.map(readableKey),
  };
}

export function presentQuestion(
  question: SameProviderQuestion,
  entry: ProviderEntry | undefined,
): ProviderQuestion {
  return {
    id: question.id,
    text: question.text,
    keys: question.keys,
    entry: entry ? { id: entry.id, name: entry.name, etag: entry.etag } : null,
  };
}
