import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  Textarea,
  Title3,
} from "@fluentui/react-components";
import { type FormEvent, useRef } from "react";
import { ErrorMessage, LoadingSkeleton } from "../../../components/Feedback.tsx";
import { NoticeBar } from "../../../components/NoticeBar.tsx";
import { formatDate } from "../../../format.ts";
import type { Contract, ContractRisk } from "../../../types.ts";
import { useRiskCardStyles } from "./RiskCard.styles.ts";
import {
  capitalised,
  cellText,
  differsFromSuggestion,
  LEVEL_LABELS,
  levelOf,
  type RiskDraft,
  type RiskField,
  type RiskLevel,
  SCORES,
} from "./risk-form.ts";
import { useRiskCard } from "./useRiskCard.ts";
import { WithdrawRisk } from "./WithdrawRisk.tsx";

const BADGE_COLOR: Record<RiskLevel, "danger" | "warning" | "success"> = {
  hög: "danger",
  medel: "warning",
  låg: "success",
};

function LevelBadge({ level }: { level: RiskLevel }) {
  return (
    <Badge appearance="tint" color={BADGE_COLOR[level]}>
      {LEVEL_LABELS[level]}
    </Badge>
  );
}

/**
 * A contract's risk: the suggestion with its reasons, the assessment a person
 * confirmed, the follow-up cadence it sets, and — for whoever may edit the
 * contract — a form to confirm or override the suggestion with a reason.
 */
export function RiskCard({
  contract,
  canEdit,
  onSaved,
}: {
  contract: Contract;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const styles = useRiskCardStyles();
  const card = useRiskCard(contract, onSaved);
  const { loaded, risk, draft } = card;

  let content = <LoadingSkeleton label="Hämtar riskbedömningen …" />;
  if (loaded.error) content = <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  else if (risk && draft)
    content = (
      <>
        <RiskSummary risk={risk} />
        {canEdit ? (
          <RiskForm contractId={contract.id} risk={risk} draft={draft} card={card} />
        ) : null}
      </>
    );

  return (
    <section className={styles.card} aria-labelledby="riskbedomning">
      <Title3 as="h2" id="riskbedomning">
        Riskbedömning
      </Title3>
      {content}
    </section>
  );
}

function RiskSummary({ risk }: { risk: ContractRisk }) {
  const styles = useRiskCardStyles();
  const confirmed = risk.confirmed;
  return (
    <>
      {risk.suggestionAboveConfirmed && confirmed ? (
        // A deliberate override downwards is told, not nagged about; only a suggestion
        // that has risen since the assessment asks the owner to look again.
        <MessageBar intent={risk.suggestionRose ? "warning" : "info"} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {risk.suggestionRose
                ? "Förslaget har stigit sedan bedömningen"
                : "Bedömningen är lägre än förslaget"}
            </MessageBarTitle>
            Förslaget är {risk.suggestion.levelLabel.toLocaleLowerCase("sv")}, avtalet är bedömt som{" "}
            {confirmed.levelLabel.toLocaleLowerCase("sv")}
            {risk.suggestionRose ? ". Se över bedömningen." : " med en motivering (se nedan)."}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Text>
        Gäller nu: <LevelBadge level={risk.level} />{" "}
        {risk.source === "confirmed" ? "(bedömd)" : "(förslag, ännu inte bekräftat)"}.{" "}
        {risk.nextFollowUp.text}
      </Text>
      <div className={styles.columns}>
        <div className={styles.part}>
          <Text as="h3" weight="semibold">
            Förslag: {risk.suggestion.levelLabel}
          </Text>
          <ul className={styles.reasons} aria-label="Skäl till förslaget">
            {risk.suggestion.reasons.map((reason) => (
              <li key={reason}>
                <Text>{reason}</Text>
              </li>
            ))}
          </ul>
        </div>
        <div className={styles.part}>
          <Text as="h3" weight="semibold">
            Bedömning: {confirmed ? confirmed.levelLabel : "ingen ännu"}
          </Text>
          {confirmed ? (
            <>
              <Text>
                {capitalised(cellText(confirmed.likelihood, confirmed.consequence, risk.matrix))}
              </Text>
              <Text>
                Bedömd av {confirmed.confirmedBy} {formatDate(confirmed.confirmedOn)}.
              </Text>
              {confirmed.reason ? <Text>Motivering: {confirmed.reason}</Text> : null}
            </>
          ) : (
            <Text>
              Förslaget gäller tills någon som får ändra avtalet bekräftar det eller gör en annan
              bedömning.
            </Text>
          )}
        </div>
      </div>
    </>
  );
}

function RiskForm({
  contractId,
  risk,
  draft,
  card,
}: {
  contractId: string;
  risk: ContractRisk;
  draft: RiskDraft;
  card: ReturnType<typeof useRiskCard>;
}) {
  const styles = useRiskCardStyles();
  const refs = {
    likelihood: useRef<HTMLSelectElement>(null),
    consequence: useRef<HTMLSelectElement>(null),
    reason: useRef<HTMLTextAreaElement>(null),
  } satisfies Record<RiskField, unknown>;
  const overriding = differsFromSuggestion(draft, risk);
  const level = levelOf(draft, risk.matrix);
  const { errors } = card;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = await card.save();
    if (invalid) refs[invalid].current?.focus();
  };

  const scoreSelect = (name: "likelihood" | "consequence", label: string, labels: string[]) => (
    <Field
      label={label}
      required
      validationState={errors[name] ? "error" : "none"}
      validationMessage={errors[name]}
    >
      <Select
        ref={refs[name]}
        value={String(draft[name])}
        onChange={(_event, data) => {
          const score = Number(data.value);
          card.change(name === "likelihood" ? { likelihood: score } : { consequence: score });
        }}
      >
        {SCORES.map((score) => (
          <option key={score} value={score}>
            {score} – {labels[score - 1] ?? score}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Bedöm risken">
      <Text as="h3" weight="semibold">
        Bekräfta eller ändra bedömningen
      </Text>
      <div className={styles.selects}>
        {scoreSelect("likelihood", "Sannolikhet", risk.matrix.likelihoodLabels)}
        {scoreSelect("consequence", "Konsekvens", risk.matrix.consequenceLabels)}
      </div>
      <Text role="status">
        Blir: {LEVEL_LABELS[level]} – {cellText(draft.likelihood, draft.consequence, risk.matrix)}
        {overriding ? ", en annan bedömning än förslaget" : ", samma som förslaget"}.
      </Text>
      <Field
        label={overriding ? "Motivering" : "Motivering (krävs när du avviker från förslaget)"}
        required={overriding}
        validationState={errors.reason ? "error" : "none"}
        validationMessage={errors.reason}
      >
        <Textarea
          ref={refs.reason}
          value={draft.reason}
          onChange={(_event, data) => card.change({ reason: data.value })}
        />
      </Field>
      {card.notice ? <NoticeBar notice={card.notice} /> : null}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={card.saving}>
          {overriding ? "Spara bedömningen" : "Bekräfta förslaget"}
        </Button>
        {risk.confirmed ? (
          <WithdrawRisk contractId={contractId} risk={risk} onWithdrawn={card.withdrawn} />
        ) : null}
      </div>
    </form>
  );
}
