import { useState } from "react";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";
import type { ProviderRegisterCard, ProviderRegisterEntry } from "../../types.ts";
import type { RiskNotice } from "../contract-detail/risk/useRiskCard.ts";
import {
  initialRegisterDraft,
  isRegisterField,
  REGISTER_FIELDS,
  type RegisterDraft,
  type RegisterField,
  registerDraftErrors,
  toRegisterBody,
} from "./provider-register-form.ts";

const CONFLICT: RiskNotice = {
  intent: "error",
  title: "Ändrat av någon annan",
  text: "Uppgifterna om leverantören har ändrats av någon annan sedan du öppnade sidan. De sparade uppgifterna visas nu; dina ändringar finns kvar i formuläret. Spara igen om de fortfarande gäller.",
};

/**
 * The provider card's state: the person's draft (kept through a conflict),
 * its errors per field, and what saving said. Saved at the entry's version
 * (If-Match); the page is read again after saving or a conflict, so the next
 * save carries the version in force.
 */
export function useProviderRegisterCard(
  providerKey: string,
  card: ProviderRegisterCard,
  onSaved: () => void,
) {
  const { api } = useApp();
  const [edited, setEdited] = useState<RegisterDraft>();
  const [errors, setErrors] = useState<Partial<Record<RegisterField, string>>>({});
  const [notice, setNotice] = useState<RiskNotice>();
  const [saving, setSaving] = useState(false);
  const draft = edited ?? initialRegisterDraft(card);

  const change = (next: Partial<RegisterDraft>) => {
    setEdited({ ...draft, ...next });
    setNotice(undefined);
  };

  /** Sends the draft; answers the field to focus when it cannot be saved. */
  const save = async (): Promise<RegisterField | undefined> => {
    const found = registerDraftErrors(draft);
    setErrors(found);
    const first = REGISTER_FIELDS.find((name) => found[name]);
    if (first) return first;
    setSaving(true);
    try {
      await api.put<ProviderRegisterEntry>(
        `/api/providers/${encodeURIComponent(providerKey)}/register`,
        toRegisterBody(draft),
        card.entry?.etag,
      );
      setEdited(undefined);
      setNotice({
        intent: "success",
        title: "Sparat",
        text: "Uppgifterna om leverantören är sparade.",
      });
      onSaved();
      return undefined;
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      // 428: an entry was made meanwhile (the page had none); 412: it changed since it was read.
      if (failure.status === 412 || failure.status === 428) {
        setNotice(CONFLICT);
        onSaved();
        return undefined;
      }
      const fieldErrors: Partial<Record<RegisterField, string>> = {};
      for (const error of failure.problem.errors ?? []) {
        if (isRegisterField(error.field)) fieldErrors[error.field] = error.message;
      }
      setErrors(fieldErrors);
      setNotice({ intent: "error", title: failure.problem.title, text: failure.problem.detail });
      return REGISTER_FIELDS.find((name) => fieldErrors[name]);
    } finally {
      setSaving(false);
    }
  };

  return { draft, errors, notice, saving, change, save };
}
