import { Button } from "@fluentui/react-components";
import { useApp } from "../../../app-context.ts";
import { ReasonDialog } from "../../../components/reason-dialog/ReasonDialog.tsx";
import type { ContractRisk, RiskWithdrawalInput } from "../../../types.ts";

const REASON_MISSING = "Ange varför bedömningen återkallas.";

/**
 * "Återkalla bedömningen": a dialog asks why (required), and the assessment
 * is withdrawn at the version read — the suggestion is in force again, and
 * the contract's history keeps who withdrew it, when and why. Someone saving
 * meanwhile is told in the dialog; the reason typed stays to send again.
 */
export function WithdrawRisk({
  contractId,
  risk,
  onWithdrawn,
}: {
  contractId: string;
  risk: ContractRisk;
  onWithdrawn: (message: string) => void;
}) {
  const { api } = useApp();
  return (
    <ReasonDialog
      trigger={<Button>Återkalla bedömningen</Button>}
      title="Återkalla bedömningen?"
      explanation="Bedömningen tas bort från avtalet och förslaget gäller igen, också för hur ofta avtalet följs upp. Vem som återkallade den, när och varför syns i avtalets historik."
      reasonLabel="Varför återkallas bedömningen?"
      submitLabel="Återkalla"
      maxLength={2000}
      check={(reason) => (reason.length < 3 ? REASON_MISSING : undefined)}
      send={(reason) =>
        api.delete<ContractRisk>(
          `/api/contracts/${contractId}/risk`,
          { reason } satisfies RiskWithdrawalInput,
          risk.etag,
        )
      }
      done={() => onWithdrawn("Bedömningen är återkallad. Förslaget gäller nu.")}
      conflict={() => {
        // Read again, so the next try is sent at the version now stored.
        onWithdrawn("");
        return "Avtalet har ändrats av någon annan sedan du öppnade det. Den sparade bedömningen visas nu bakom dialogen; återkalla igen om den ska bort.";
      }}
    />
  );
}
