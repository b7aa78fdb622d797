import { makeStyles, tokens } from "@fluentui/react-components";
import { shownValue } from "../ConflictDialog.tsx";
import { type Draft, type FieldSpec, fieldValue, isShown } from "./fields.ts";

const useStyles = makeStyles({
  list: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    gap: tokens.spacingVerticalS,
    margin: 0,
    maxWidth: "760px",
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
});

/** A record for someone who may read it: its fields as text, not as a greyed-out form. */
export function ReadOnlyRecord<T>({
  fields,
  values,
}: {
  fields: FieldSpec<T>[];
  values: Draft<T>;
}) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {fields
        .filter((spec) => isShown(spec, values) && !spec.custom)
        .map((spec) => (
          <div key={spec.name}>
            <dt className={styles.term}>{spec.label}</dt>
            <dd className={styles.value}>{shownValue(spec, fieldValue(values, spec.name))}</dd>
          </div>
        ))}
    </dl>
  );
}
