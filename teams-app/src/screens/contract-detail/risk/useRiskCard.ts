import { useState } from "react";
import { ApiError } from "../../../api.ts";
import { useApp } from "../../../app-context.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import type { Contract, ContractRisk } from "../../../types.ts";
import { draftErrors, initialDraft, type RiskDraft, type RiskField, toBody } from "./risk-form.ts";

export interface RiskNotice {
  intent: "success" | "error";
  title: string;
  text: string;
}

const CONFLICT: RiskNotice = {
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
  const [edited, setEdited] = useState<RiskDraft>();
  const [errors, setErrors] = useState<Partial<Record<RiskField, string>>>({});
  const [notice, setNotice] = useState<RiskNotice>();
  const [saving, setSaving] = useState(false);

  const risk = loaded.data;
  const draft = edited ?? (risk ? initialDraft(risk) : undefined);

  const change = (next: Partial<RiskDraft>) => {
    if (!draft) return;
    setEdited({ ...draft, ...next });
    setNotice(undefined);
  };

  /** Sends the draft; answers the field to focus when it cannot be sent. */
  const save = async (): Promise<RiskField | undefined> => {
    if (!risk || !draft) return undefined;
    const found = draftErrors(draft, risk);
    setErrors(found);
    const first = (["likelihood", "consequence", "reason"] as const).find((name) => found[name]);
    if (first) return first;
    setSaving(true);
    try {
      await api.patch<ContractRisk>(`/api/contracts/${contract.id}/risk`, toBody(draft), risk.etag);
      setEdited(undefined);
      setNotice({ intent: "success", title: "Sparad", text: "Riskbedömningen är sparad." });
      onSaved();
      return undefined;
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      if (failure.status === 412) {
        setNotice(CONFLICT);
        onSaved();
        return undefined;
      }
      const fieldErrors: Partial<Record<RiskField, string>> = {};
      for (const error of failure.problem.errors ?? []) {
        if (
          error.field === "likelihood" ||
          error.field === "consequence" ||
          error.field === "reason"
        )
          fieldErrors[error.field] = error.message;
      }
      setErrors(fieldErrors);
      setNotice({ intent: "error", title: failure.problem.title, text: failure.problem.detail });
      return (["likelihood", "consequence", "reason"] as const).find((name) => fieldErrors[name]);
    } finally {
      setSaving(false);
    }
  };

  /** After a withdrawal (or its conflict, with no message): the contract and its risk read again. */
  const withdrawn = (message: string) => {
    if (message) {
      setEdited(undefined);
      setErrors({});
      setNotice({ intent: "success", title: "Återkallad", text: message });
    }
    onSaved();
  };

  return { loaded, risk, draft, errors, notice, saving, change, save, withdrawn };
}
