import { useApp } from "../../app-context.ts";
import { conflictOn, type SaveNotice, useEtagSave } from "../../hooks/use-etag-save.ts";
import type { ProviderRegisterCard, ProviderRegisterEntry } from "../../types.ts";
import {
  initialRegisterDraft,
  REGISTER_FIELDS,
  registerDraftErrors,
  toRegisterBody,
} from "./provider-register-form.ts";

const SAVED: SaveNotice = {
  intent: "success",
  title: "Sparat",
  text: "Uppgifterna om leverantören är sparade.",
};

const CONFLICT: SaveNotice = {
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
  const form = useEtagSave({
    stored: initialRegisterDraft(card),
    fields: REGISTER_FIELDS,
    saved: SAVED,
    conflict: CONFLICT,
  });
  const { draft } = form;

  /** Sends the draft; answers the field to focus when it cannot be saved. */
  const save = async () =>
    form.showProblems(registerDraftErrors(draft)) ??
    form.send(
      () =>
        api.put<ProviderRegisterEntry>(
          `/api/providers/${encodeURIComponent(providerKey)}/register`,
          toRegisterBody(draft),
          card.entry?.etag,
        ),
      // 428: an entry was made meanwhile (the page had none); 412: it changed since it was read.
      { saved: onSaved, conflict: conflictOn([412, 428], onSaved) },
    );

  const { errors, notice, saving, change } = form;
  return { draft, errors, notice, saving, change, save };
}
