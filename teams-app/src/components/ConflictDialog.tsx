import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { formatDateTime } from "../format.ts";
import {
  type Draft,
  type FieldSpec,
  fieldValue,
  isPerson,
  withValue,
} from "./record-form/fields.ts";

/**
 * Shown on 412: someone else saved first. Only the fields they changed are
 * listed, with who and when; for each the person keeps their own value or
 * takes the other. Everything else the person typed is kept as it is.
 */

const useStyles = makeStyles({
  list: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0 },
  item: {
    listStyle: "none",
    display: "grid",
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export function shownValue<T>(spec: FieldSpec<T>, value: unknown): string {
  if (value === undefined || value === null || value === "") return "–";
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  if (isPerson(value)) return value.name;
  const label = (item: unknown) =>
    spec.options?.find((option) => option.value === item)?.label ?? String(item);
  if (Array.isArray(value)) return value.length === 0 ? "–" : value.map(label).join(", ");
  return label(value);
}

type Choice = "mine" | "theirs";

export function ConflictDialog<T>({
  fields,
  base,
  mine,
  theirs,
  who,
  when,
  onResolve,
  onUseTheirs,
  onCancel,
}: {
  fields: FieldSpec<T>[];
  /** The version the person started from. */
  base: Draft<T>;
  mine: Draft<T>;
  theirs: Draft<T>;
  who: string | undefined;
  when: string | undefined;
  onResolve: (merged: Draft<T>) => void;
  onUseTheirs: () => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const same = (spec: FieldSpec<T>, a: Draft<T>, b: Draft<T>) =>
    shownValue(spec, fieldValue(a, spec.name)) === shownValue(spec, fieldValue(b, spec.name));
  const changed = fields.filter((spec) => !same(spec, base, theirs));
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(
      changed.map((spec) => [spec.name, same(spec, base, mine) ? "theirs" : "mine"]),
    ),
  );
  const merged = (): Draft<T> => {
    let result: Draft<T> = { ...theirs };
    for (const spec of fields) {
      const choice = choices[spec.name];
      const take = choice === "theirs" || (!choice && same(spec, base, mine)) ? theirs : mine;
      result = withValue(result, spec.name, fieldValue(take, spec.name));
    }
    return result;
  };
  const byWhom = [who ? `av ${who}` : "", when ? formatDateTime(when) : ""]
    .filter(Boolean)
    .join(", ");
  return (
    <Dialog open modalType="alert" onOpenChange={(_event, data) => !data.open && onCancel()}>
      <DialogSurface aria-describedby="konflikt-beskrivning">
        <DialogBody>
          <DialogTitle>Någon annan har ändrat samma uppgifter</DialogTitle>
          <DialogContent>
            <Text id="konflikt-beskrivning" block>
              Medan du arbetade sparades en ny version{byWhom ? ` (${byWhom})` : ""}.{" "}
              {changed.length > 0
                ? "De här uppgifterna ändrades. Välj för var och en vilket värde som ska gälla; allt annat du har skrivit behålls."
                : "Inga av formulärets uppgifter ändrades; dina ändringar kan sparas som de är."}
            </Text>
            {changed.length > 0 ? (
              <ul className={styles.list} aria-label="Ändrade uppgifter">
                {changed.map((spec) => (
                  <li key={spec.name} className={styles.item}>
                    <RadioGroup
                      aria-label={spec.label}
                      value={choices[spec.name]}
                      onChange={(_event, data) =>
                        setChoices((previous) => ({
                          ...previous,
                          [spec.name]: data.value === "mine" ? "mine" : "theirs",
                        }))
                      }
                    >
                      <Text weight="semibold">{spec.label}</Text>
                      <Radio
                        value="theirs"
                        label={`Den sparade versionen: ${shownValue(spec, fieldValue(theirs, spec.name))}`}
                      />
                      <Radio
                        value="mine"
                        label={`Mitt värde: ${shownValue(spec, fieldValue(mine, spec.name))}`}
                      />
                    </RadioGroup>
                  </li>
                ))}
              </ul>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => onResolve(merged())}>
              Spara med mina val
            </Button>
            <Button onClick={onUseTheirs}>Läs in den sparade versionen</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
