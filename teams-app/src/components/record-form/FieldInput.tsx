import {
  Checkbox,
  Input,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Textarea,
} from "@fluentui/react-components";
import { type FieldSpec, isEmpty, isPerson } from "./fields.ts";
import { useRecordFormStyles } from "./RecordForm.styles.ts";

const asText = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : "";

/** The input for one field kind; the value is checked at run time, never assumed. */
export function FieldInput<T>({
  spec,
  value,
  required,
  onChange,
  disabled,
}: {
  spec: FieldSpec<T>;
  value: unknown;
  required: boolean;
  onChange: (value: unknown) => void;
  disabled: boolean;
}) {
  const styles = useRecordFormStyles();
  switch (spec.kind) {
    case "textarea":
      return (
        <Textarea
          value={asText(value)}
          onChange={(_event, data) => onChange(data.value)}
          resize="vertical"
          rows={3}
          disabled={disabled}
        />
      );
    case "date":
      return (
        <Input
          type="date"
          value={asText(value)}
          onChange={(_event, data) => onChange(data.value)}
          disabled={disabled}
        />
      );
    case "number":
      return (
        <Input
          type="number"
          inputMode="numeric"
          value={asText(value)}
          onChange={(_event, data) => onChange(data.value === "" ? undefined : Number(data.value))}
          disabled={disabled}
        />
      );
    case "select":
      return (
        <Select
          className={styles.control}
          select={{ className: styles.selectElement }}
          value={asText(value)}
          onChange={(_event, data) => onChange(data.value === "" ? undefined : data.value)}
          disabled={disabled}
        >
          {!required || isEmpty(value) ? (
            <option value="">{spec.placeholder ?? (required ? "Välj …" : "(ingen)")}</option>
          ) : null}
          {spec.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      );
    case "yesno":
      return (
        <RadioGroup
          layout="horizontal"
          value={value === true ? "ja" : value === false ? "nej" : ""}
          onChange={(_event, data) => onChange(data.value === "ja")}
          disabled={disabled}
        >
          <Radio value="ja" label="Ja" />
          <Radio value="nej" label="Nej" />
        </RadioGroup>
      );
    case "switch":
      return (
        <Switch
          checked={value === true}
          onChange={(_event, data) => onChange(data.checked)}
          disabled={disabled}
          label={value === true ? "Ja" : "Nej"}
        />
      );
    case "person": {
      const person = isPerson(value) ? value : undefined;
      return (
        <Select
          className={styles.control}
          select={{ className: styles.selectElement }}
          value={person?.id ?? ""}
          onChange={(_event, data) =>
            onChange(spec.people?.find((candidate) => candidate.id === data.value))
          }
          disabled={disabled}
        >
          <option value="">{required ? "Välj person …" : "(ingen vald)"}</option>
          {spec.people?.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </Select>
      );
    }
    case "checkboxes": {
      const selected = new Set(
        Array.isArray(value) ? value.filter((item) => typeof item === "string") : [],
      );
      return (
        <div className={styles.checkboxes}>
          {spec.options?.map((option) => (
            <Checkbox
              key={option.value}
              label={option.label}
              checked={selected.has(option.value)}
              disabled={disabled}
              onChange={(_event, data) => {
                const next = new Set(selected);
                if (data.checked) next.add(option.value);
                else next.delete(option.value);
                onChange(
                  spec.options
                    ?.filter((candidate) => next.has(candidate.value))
                    .map((candidate) => candidate.value),
                );
              }}
            />
          ))}
        </div>
      );
    }
    default:
      return (
        <Input
          value={asText(value)}
          onChange={(_event, data) => onChange(data.value)}
          disabled={disabled}
        />
      );
  }
}
