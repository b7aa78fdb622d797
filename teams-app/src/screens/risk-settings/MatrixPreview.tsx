import { mergeClasses, Text, Title3 } from "@fluentui/react-components";
import { useRiskSettingsStyles } from "./RiskSettings.styles.ts";
import {
  LEVEL_LABELS,
  LEVELS_HIGH_FIRST,
  levelOf,
  type RiskLevel,
  type SettingsDraft,
  STEPS,
} from "./risk-settings-form.ts";

/**
 * The 4×4 matrix as the drafted names and thresholds make it: each cell its
 * score and level in words (the colour only repeats what the text says), the
 * most likely row at the top as in the kommun's internal-control guides.
 */
export function MatrixPreview({
  draft,
  thresholds,
}: {
  draft: SettingsDraft;
  thresholds: { medel: number; hög: number };
}) {
  const styles = useRiskSettingsStyles();
  const rows = [...STEPS].reverse();
  const counts: Record<RiskLevel, number> = { hög: 0, medel: 0, låg: 0 };
  for (const likelihood of STEPS)
    for (const consequence of STEPS) counts[levelOf(likelihood * consequence, thresholds)] += 1;
  const name = (labels: readonly string[], step: number) => labels[step - 1]?.trim() || "–";

  return (
    <>
      <Title3 as="h3" id="forhandsvisning">
        Förhandsvisning
      </Title3>
      <Text role="status">
        {LEVELS_HIGH_FIRST.map((level) => `${LEVEL_LABELS[level]}: ${counts[level]} rutor`).join(
          ", ",
        )}
        .
      </Text>
      <Text>Raderna är sannolikhet (högst överst), kolumnerna konsekvens.</Text>
      <div className={styles.previewWrap}>
        <table className={styles.preview} aria-labelledby="forhandsvisning">
          <thead>
            <tr>
              <td className={styles.corner} />
              {STEPS.map((consequence) => (
                <th key={consequence} scope="col" className={styles.previewHeader}>
                  {consequence}
                  <span className={styles.headerName}>
                    {" – "}
                    {name(draft.consequenceLabels, consequence)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((likelihood) => (
              <tr key={likelihood}>
                <th scope="row" className={styles.previewHeader}>
                  {likelihood}
                  <span className={styles.headerName}>
                    {" – "}
                    {name(draft.likelihoodLabels, likelihood)}
                  </span>
                </th>
                {STEPS.map((consequence) => {
                  const product = likelihood * consequence;
                  const level = levelOf(product, thresholds);
                  return (
                    <td
                      key={consequence}
                      className={mergeClasses(styles.cell, styles[level])}
                      data-level={level}
                    >
                      {product} <span className={styles.cellLevel}>{LEVEL_LABELS[level]}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={styles.legend}>
        {(
          [
            ["Sannolikhet (rader)", draft.likelihoodLabels],
            ["Konsekvens (kolumner)", draft.consequenceLabels],
          ] as const
        ).map(([title, labels]) => (
          <div key={title}>
            <Text weight="semibold">{title}</Text>
            <ul className={styles.legendList} aria-label={title}>
              {STEPS.map((step) => (
                <li key={step}>
                  <Text>
                    {step} – {name(labels, step)}
                  </Text>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </>
  );
}
