import { Field, Select, Title3 } from "@fluentui/react-components";
import { useImportStyles } from "./ImportScreen.styles.ts";
import type { ImportPreview, SheetChoice, SheetKind, SheetReport } from "./import-types.ts";

const KIND_OPTIONS: Array<{ value: SheetKind; label: string }> = [
  { value: "register", label: "Avtal" },
  { value: "followUps", label: "Uppföljningar" },
  { value: "deficiencies", label: "Brister och handlingsplaner" },
  { value: "ignore", label: "Importeras inte" },
];

/**
 * Which field each of the file's columns is read into, as proposed from
 * its header (or as the nämnd chose last time); the person may change it.
 */
export function MappingEditor({
  sheets,
  choices,
  fields,
  onChange,
}: {
  sheets: SheetReport[];
  choices: SheetChoice[];
  fields: ImportPreview["choices"];
  onChange: (choices: SheetChoice[]) => void;
}) {
  const styles = useImportStyles();
  const change = (index: number, next: Partial<SheetChoice>) =>
    onChange(choices.map((choice, at) => (at === index ? { ...choice, ...next } : choice)));

  return (
    <>
      {sheets.map((sheet, index) => {
        const choice = choices[index];
        if (!choice) return null;
        const options = choice.kind === "ignore" ? [] : fields[choice.kind].fields;
        const headingId = `blad-${index}`;
        return (
          <section
            key={`${sheet.file}-${sheet.sheet}`}
            className={styles.section}
            aria-labelledby={headingId}
          >
            <Title3 as="h3" id={headingId}>
              {sheet.name}
            </Title3>
            <Field
              label={`Innehåll i ${sheet.name}`}
              hint={`Rubrikraden är rad ${sheet.headerRow}; ${sheet.rows === 0 ? "inga rader med innehåll – det finns inget att importera från bladet" : `${sheet.rows.toLocaleString("sv-SE")} ${sheet.rows === 1 ? "rad" : "rader"} med innehåll`}.`}
            >
              <Select
                value={choice.kind}
                onChange={(_event, data) => {
                  const kind = KIND_OPTIONS.find((option) => option.value === data.value)?.value;
                  if (kind) change(index, { kind, columns: choice.columns.map(() => null) });
                }}
              >
                {KIND_OPTIONS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            </Field>
            {choice.kind === "ignore" ? null : (
              <div className={styles.columns}>
                {sheet.columns.map((column, columnIndex) => (
                  <Field
                    key={column.letter}
                    className={styles.control}
                    label={`Kolumn ${column.letter}: ${column.header || "(utan rubrik)"}`}
                  >
                    <Select
                      className={styles.control}
                      value={choice.columns[columnIndex] ?? ""}
                      onChange={(_event, data) =>
                        change(index, {
                          columns: choice.columns.map((field, at) =>
                            at === columnIndex ? data.value || null : field,
                          ),
                        })
                      }
                    >
                      <option value="">Importeras inte</option>
                      {options.map((option) => (
                        <option key={option.key} value={option.key}>
                          {option.required ? `${option.label} (krävs)` : option.label}
                        </option>
                      ))}
                    </Select>
                  </Field>
                ))}
              </div>
            )}
            {sheet.problems.length > 0 ? (
              <ul className={styles.notes}>
                {sheet.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
