import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { FieldSpec, Values } from "./RecordForm.tsx";

/** Shown on 412: someone else saved first. What differs, and a choice. */

function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "–";
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object" && value !== null && "name" in value)
    return String((value as { name: unknown }).name);
  return String(value);
}

export function ConflictDialog({
  fields,
  mine,
  theirs,
  onUseTheirs,
  onKeepMine,
  onCancel,
}: {
  fields: FieldSpec[];
  mine: Values;
  theirs: Values;
  onUseTheirs: () => void;
  onKeepMine: () => void;
  onCancel: () => void;
}) {
  const differences = fields.filter((field) => show(mine[field.name]) !== show(theirs[field.name]));
  return (
    <Dialog open modalType="alert" onOpenChange={(_event, data) => !data.open && onCancel()}>
      <DialogSurface aria-describedby="konflikt-beskrivning">
        <DialogBody>
          <DialogTitle>Någon annan har ändrat samma uppgifter</DialogTitle>
          <DialogContent>
            <Text id="konflikt-beskrivning" block>
              Medan du arbetade sparade någon annan en ny version. Välj om du vill läsa in deras
              version eller spara dina ändringar ovanpå den.
            </Text>
            {differences.length > 0 ? (
              <Table aria-label="Skillnader" size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Uppgift</TableHeaderCell>
                    <TableHeaderCell>Sparad version</TableHeaderCell>
                    <TableHeaderCell>Din ändring</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {differences.map((field) => (
                    <TableRow key={field.name}>
                      <TableCell>{field.label}</TableCell>
                      <TableCell>{show(theirs[field.name])}</TableCell>
                      <TableCell>{show(mine[field.name])}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : (
              <Text block>Inga av fälten i formuläret skiljer sig.</Text>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onUseTheirs}>
              Läs in den sparade versionen
            </Button>
            <Button onClick={onKeepMine}>Spara mina ändringar ändå</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
