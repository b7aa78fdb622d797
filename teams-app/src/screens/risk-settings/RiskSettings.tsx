import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  Title3,
} from "@fluentui/react-components";
import { type FormEvent, useRef } from "react";
import { ErrorMessage, LoadingSkeleton } from "../../components/Feedback.tsx";
import { NoticeBar } from "../../components/NoticeBar.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import type { RiskSettingsView } from "../../types.ts";
import { MatrixPreview } from "./MatrixPreview.tsx";
import { useRiskSettingsStyles } from "./RiskSettings.styles.ts";
import {
  cadenceValid,
  type FieldPath,
  fieldPaths,
  intervalText,
  LEVEL_LABELS,
  LEVELS_HIGH_FIRST,
  liveProblems,
  previewThresholds,
  type SettingsDraft,
  STEPS,
  thresholdSentences,
  thresholdsValid,
} from "./risk-settings-form.ts";
import { useRiskSettings } from "./useRiskSettings.ts";

/**
 * "Inställningar": the kommun's risk matrix (names of the four steps of
 * sannolikhet and konsekvens, the thresholds of the levels, previewed as the
 * 4×4 matrix while they are edited) and the follow-up cadence per level.
 * Kommunledningskontoret changes them; they hold for every nämnd at once.
 */
export function RiskSettings() {
  const state = useRiskSettings();
  const { loaded, settings, draft } = state;

  let content = <LoadingSkeleton label="Hämtar inställningarna …" />;
  if (loaded.error && !settings)
    content = <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  else if (settings && draft)
    content = <SettingsForm settings={settings} draft={draft} state={state} />;

  return (
    <>
      <PageHeader
        title="Inställningar"
        description="Kommunens riskmatris och hur ofta avtal följs upp per risknivå. Ändringarna gäller alla nämnders avtal."
      />
      {content}
    </>
  );
}

function SettingsForm({
  settings,
  draft,
  state,
}: {
  settings: RiskSettingsView;
  draft: SettingsDraft;
  state: ReturnType<typeof useRiskSettings>;
}) {
  const styles = useRiskSettingsStyles();
  const inputs = useRef(new Map<FieldPath, HTMLInputElement>());
  const { change } = state;
  const readOnly = !settings.canEdit;
  // Checked as typed with the API's rules; what the API said stays until its field is changed.
  const live = liveProblems(draft);
  const errors = { ...state.errors, ...live };
  const thresholds = previewThresholds(draft, settings.matrix.thresholds);
  const matrixShown = thresholdsValid(live);
  const cadenceShown = cadenceValid(live);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = await state.save(live);
    if (invalid) inputs.current.get(invalid)?.focus();
  };

  /** One text field, its error from the API under it. */
  const textField = (props: {
    path: FieldPath;
    label: string;
    hint?: string | undefined;
    value: string;
    numeric?: boolean;
    onChange: (value: string) => void;
  }) => (
    <Field
      label={props.label}
      hint={props.hint}
      required={!readOnly}
      validationState={errors[props.path] ? "error" : "none"}
      validationMessage={errors[props.path]}
    >
      <Input
        className={styles.input}
        ref={(element) => {
          if (element) inputs.current.set(props.path, element);
          else inputs.current.delete(props.path);
        }}
        value={props.value}
        readOnly={readOnly}
        {...(props.numeric ? { inputMode: "numeric" as const } : {})}
        onChange={(_event, data) => props.onChange(data.value)}
      />
    </Field>
  );

  const labelGroup = (kind: "likelihood" | "consequence") => {
    const labels = kind === "likelihood" ? draft.likelihoodLabels : draft.consequenceLabels;
    const title = kind === "likelihood" ? "Sannolikhet" : "Konsekvens";
    return (
      <fieldset className={styles.labelGroup}>
        <legend className={styles.groupLegend}>{title}</legend>
        {STEPS.map((step) => {
          const index = step - 1;
          const path =
            kind === "likelihood"
              ? fieldPaths.likelihoodLabel(index)
              : fieldPaths.consequenceLabel(index);
          return (
            <div key={step}>
              {textField({
                path,
                label: `${title} ${step}`,
                value: labels[index] ?? "",
                onChange: (value) => {
                  const next: SettingsDraft["likelihoodLabels"] = [...labels];
                  next[index] = value;
                  change(
                    kind === "likelihood"
                      ? { likelihoodLabels: next }
                      : { consequenceLabels: next },
                    path,
                  );
                },
              })}
            </div>
          );
        })}
      </fieldset>
    );
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Riskinställningar">
      {readOnly ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            Bara kommunledningskontoret kan ändra riskmatrisen och uppföljningstakten.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <section className={styles.section} aria-labelledby="riskmatris">
        <Title3 as="h2" id="riskmatris">
          Riskmatris
        </Title3>
        <Text>
          Risken bedöms som sannolikhet (1–4) gånger konsekvens (1–4), som i kommunens interna
          kontroll. Namnen visas på avtalens riskbedömningar.
        </Text>
        {/* Side by side where there is room, one under the other on a phone: the names fit. */}
        <div className={styles.labelGroups}>
          {labelGroup("likelihood")}
          {labelGroup("consequence")}
        </div>
        <Title3 as="h3">Gränser för risknivåerna</Title3>
        <div className={styles.numbers}>
          {textField({
            path: fieldPaths.medel,
            label: "Lägsta poäng för medelhög risk",
            value: draft.medel,
            numeric: true,
            onChange: (medel) => change({ medel }, fieldPaths.medel),
          })}
          {textField({
            path: fieldPaths.hög,
            label: "Lägsta poäng för hög risk",
            value: draft.hög,
            numeric: true,
            onChange: (hög) => change({ hög }, fieldPaths.hög),
          })}
        </div>
        {matrixShown ? (
          <>
            <ul className={styles.sentences} aria-label="Så läses gränserna">
              {thresholdSentences(thresholds).map((sentence) => (
                <li key={sentence}>
                  <Text>{sentence}</Text>
                </li>
              ))}
            </ul>
            <MatrixPreview draft={draft} thresholds={thresholds} />
          </>
        ) : (
          // Invalid thresholds would explain themselves in contradictions: a note instead.
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>Rätta gränserna för att se matrisen.</MessageBarBody>
          </MessageBar>
        )}
      </section>
      <section className={styles.section} aria-labelledby="uppfoljningstakt">
        <Title3 as="h2" id="uppfoljningstakt">
          Uppföljningstakt
        </Title3>
        <Text>
          Ett avtal vars risk har bedömts följs upp så här ofta, räknat från den senaste
          uppföljningen.
        </Text>
        <div className={styles.numbers}>
          {LEVELS_HIGH_FIRST.map((level) => {
            const path = fieldPaths.interval(level);
            const rhythm = intervalText(draft.intervals[level]);
            return (
              <div key={level}>
                {textField({
                  path,
                  label: `${LEVEL_LABELS[level]}: månader mellan uppföljningar`,
                  hint: rhythm && cadenceShown ? `Följs upp ${rhythm}.` : undefined,
                  value: draft.intervals[level],
                  numeric: true,
                  onChange: (value) =>
                    change({ intervals: { ...draft.intervals, [level]: value } }, path),
                })}
              </div>
            );
          })}
          {textField({
            path: fieldPaths.extraWithin,
            label: "Extra uppföljning inom (månader) efter en höjning",
            hint: "När en bedömning höjer avtalets risknivå görs en extra uppföljning inom så här många månader, om inte den vanliga kommer före. 0 betyder genast.",
            value: draft.extraWithin,
            numeric: true,
            onChange: (extraWithin) => change({ extraWithin }, fieldPaths.extraWithin),
          })}
        </div>
        {cadenceShown ? null : (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>Rätta månaderna för att se hur ofta avtalen följs upp.</MessageBarBody>
          </MessageBar>
        )}
      </section>
      {state.notice ? <NoticeBar notice={state.notice} /> : null}
      {readOnly ? null : (
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={state.saving}>
            Spara inställningarna
          </Button>
          <Button type="button" onClick={state.resetToDefaults} disabled={state.saving}>
            Återställ standard
          </Button>
          {state.conflicted ? (
            <Button type="button" onClick={state.takeStored}>
              Läs in de sparade värdena
            </Button>
          ) : null}
        </div>
      )}
    </form>
  );
}
