import { useApp } from "../../../app-context.ts";
import { conflictOn, type SaveNotice, useEtagSave } from "../../../hooks/use-etag-save.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import type { Contract, ContractRisk } from "../../../types.ts";
import { draftErrors, initialDraft, RISK_FIELDS, toBody } from "./risk-form.ts";

const SAVED: SaveNotice = {
  intent: "success",
  title: "Sparad",
  text: "Riskbedömningen är sparad.",
};

const CONFLICT: SaveNotice = {
  intent: "error",
  title: "Ändrat av någon annan",
  text: "Avtalet har ändrats av någon annan sedan du öppnade det. Den sparade bedömningen visas nu; din bedömning finns kvar i formuläret. Spara igen om den fortfarande gäller.",
};

/**
 * The risk card's state: the contract's risk (read again whenever the
 * contract's version changes, so the assessment is sent with the version in
 * force), the person's draft, its errors and what saving said.
 */
export function useRiskCard(contract: Contract, onSaved: () => void) {
  const { api } = useApp();
  const loaded = useLoad(
    () => api.get<ContractRisk>(`/api/contracts/${contract.id}/risk`),
    `${contract.id}|${contract.etag}`,
  );
  const risk = loaded.data;
  const form = useEtagSave({
    stored: risk ? initialDraft(risk) : undefined,
    fields: RISK_FIELDS,
    saved: SAVED,
    conflict: CONFLICT,
  });
  const { draft } = form;

  /** Sends the draft; answers the field to focus when it cannot be sent. */
  const save = async () => {
    if (!risk || !draft) return undefined;
    return (
      form.showProblems(draftErrors(draft, risk)) ??
      form.send(
        () =>
          api.patch<ContractRisk>(`/api/contracts/${contract.id}/risk`, toBody(draft), risk.etag),
        // The contract (and with it the risk) is read again: the next save carries its version.
        { saved: onSaved, conflict: conflictOn([412], onSaved) },
      )
    );
  };

  /** After a withdrawal (or its conflict, with no message): the contract and its risk read again. */
  const withdrawn = (message: string) => {
    if (message) {
      form.setEdited(undefined);
      form.setErrors({});
      form.setNotice({ intent: "success", title: "Återkallad", text: message });
    }
    onSaved();
  };

  const { errors, notice, saving, change } = form;
  return { loaded, risk, draft, errors, notice, saving, change, save, withdrawn };
}
