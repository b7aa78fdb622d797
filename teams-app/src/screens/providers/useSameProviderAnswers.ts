import { useState } from "react";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";
import type { SaveNotice } from "../../hooks/use-etag-save.ts";
import type { ProviderAnswerInput, ProviderQuestion, ProviderRegisterEntry } from "../../types.ts";

const CONFLICT: SaveNotice = {
  intent: "error",
  title: "Ändrat av någon annan",
  text: "Uppgifterna om leverantören har ändrats av någon annan sedan du öppnade sidan. Sidan visar nu de sparade uppgifterna; svara igen om frågan finns kvar.",
};

/**
 * Answers to "Samma leverantör?": each recorded on its entry at the version
 * the page read (If-Match). The page is read again afterwards, so an answered
 * question goes and the entry lists the spelling under "Även känd som".
 */
export function useSameProviderAnswers(providerKey: string, onSaved: () => void) {
  const { api } = useApp();
  const [notice, setNotice] = useState<SaveNotice>();
  const [busy, setBusy] = useState<string>();

  const answer = async (question: ProviderQuestion, same: boolean): Promise<void> => {
    setBusy(question.id);
    setNotice(undefined);
    try {
      await api.post<ProviderRegisterEntry>(
        `/api/providers/${encodeURIComponent(providerKey)}/register/answers`,
        { questionId: question.id, same } satisfies ProviderAnswerInput,
        question.entry?.etag,
      );
      setNotice(
        same
          ? {
              intent: "success",
              title: "Samma leverantör",
              text: `Sparat: det är samma leverantör som ${question.entry?.name ?? "i registret"}. Avtalen får registrets uppgifter om den.`,
            }
          : {
              intent: "success",
              title: "Olika leverantörer",
              text: "Sparat: det är olika leverantörer. Frågan ställs inte igen och inget slås ihop.",
            },
      );
      onSaved();
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      // 412: the entry changed since it was read; 409: the question was answered meanwhile.
      if (failure.status === 412 || failure.status === 428) {
        setNotice(CONFLICT);
        onSaved();
        return;
      }
      setNotice({ intent: "error", title: failure.problem.title, text: failure.problem.detail });
      if (failure.status === 409) onSaved();
    } finally {
      setBusy(undefined);
    }
  };

  return { notice, busy, answer };
}
