import { PROVIDER_FLAG_LABELS, type ProviderEntry } from "../domain/provider-register.ts";

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
  questions: string[];
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
  };
}
