import {
  Field,
  makeStyles,
  mergeClasses,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { Level } from "../types.ts";

/**
 * The value × impact matrix (2×2) as one radio group: arrow keys move between
 * the four quadrants, each announced with its meaning.
 */

const QUADRANTS: Array<{ value: Level; impact: Level; label: string; hint: string }> = [
  {
    value: "låg",
    impact: "hög",
    label: "Flaskhals",
    hint: "Lågt värde, hög påverkan på verksamheten",
  },
  {
    value: "hög",
    impact: "hög",
    label: "Strategiskt",
    hint: "Högt värde, hög påverkan – rapporteras till fullmäktige",
  },
  { value: "låg", impact: "låg", label: "Rutin", hint: "Lågt värde, låg påverkan" },
  { value: "hög", impact: "låg", label: "Hävstång", hint: "Högt värde, låg påverkan" },
];

const useStyles = makeStyles({
  wrap: {
    display: "grid",
    gridTemplateColumns: "auto minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
    alignItems: "stretch",
    "@media (max-width: 400px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  axis: {
    writingMode: "vertical-rl",
    transform: "rotate(180deg)",
    textAlign: "center",
    "@media (max-width: 400px)": { display: "none" },
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
    // A phone or Teams' side panel: the four quadrants one under the other, each saying what it is.
    "@media (max-width: 400px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  cell: {
    overflowWrap: "anywhere",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorCompoundBrandStroke}`,
  },
  xAxis: {
    gridColumn: "2",
    textAlign: "center",
    "@media (max-width: 400px)": { display: "none" },
  },
});

export function ClassificationMatrix({
  valueClass,
  impactClass,
  onChange,
  disabled,
  error,
}: {
  valueClass: Level;
  impactClass: Level;
  onChange: (value: Level, impact: Level) => void;
  disabled?: boolean;
  error?: string | undefined;
}) {
  const styles = useStyles();
  return (
    <Field
      label="Klassificering: avtalets värde och påverkan på verksamheten"
      hint="Strategiska avtal (högt värde och hög påverkan) följs upp varje period och rapporteras till kommunstyrelsen."
      validationState={error ? "error" : "none"}
      validationMessage={error}
    >
      <div className={styles.wrap}>
        <Text className={styles.axis} aria-hidden="true">
          Påverkan →
        </Text>
        <RadioGroup
          className={styles.grid}
          value={`${valueClass}|${impactClass}`}
          disabled={disabled}
          onChange={(_event, data) => {
            const chosen = QUADRANTS.find(
              (quadrant) => `${quadrant.value}|${quadrant.impact}` === data.value,
            );
            if (chosen) onChange(chosen.value, chosen.impact);
          }}
        >
          {QUADRANTS.map((quadrant) => (
            <div
              key={quadrant.label}
              className={mergeClasses(
                styles.cell,
                quadrant.value === valueClass && quadrant.impact === impactClass && styles.selected,
              )}
            >
              <Radio
                value={`${quadrant.value}|${quadrant.impact}`}
                label={`${quadrant.label}: ${quadrant.hint}`}
              />
            </div>
          ))}
        </RadioGroup>
        <span />
        <Text className={styles.xAxis} aria-hidden="true">
          Värde →
        </Text>
      </div>
    </Field>
  );
}
