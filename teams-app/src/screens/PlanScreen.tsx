import {
  Badge,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useApp } from "../app-context.ts";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../components/Feedback.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { type FieldSpec, RecordForm } from "../components/RecordForm.tsx";
import { formatDate, formatLongDate } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import type { Dashboard, RecordItem } from "../types.ts";

const useStyles = makeStyles({
  section: { display: "grid", gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalXL },
});

const FIELDS: FieldSpec[] = [
  {
    name: "scope",
    label: "1. Sammanfattning av nämndens uppföljningsansvar – vad ska följas upp?",
    kind: "textarea",
  },
  {
    name: "forms",
    label: "2. Vilka former av uppföljning används?",
    kind: "checkboxes",
    options: [
      { value: "tillsyn", label: "Tillsyn" },
      { value: "avtalsuppföljning", label: "Avtalsuppföljning" },
      { value: "verksamhetsuppföljning", label: "Verksamhetsuppföljning" },
    ],
  },
  { name: "formsDescription", label: "Hur ska det följas upp?", kind: "textarea" },
  {
    name: "responsibility",
    label: "3. Vem eller vilka ansvarar för att genomföra uppföljningarna?",
    kind: "textarea",
  },
  { name: "timetable", label: "4. Tidsplan – när?", kind: "textarea" },
  {
    name: "feedback",
    label: "5. Former för återkoppling av resultatet (till nämnd och utförare)",
    kind: "textarea",
  },
  {
    name: "status",
    label: "Status",
    kind: "select",
    required: true,
    options: [
      { value: "utkast", label: "Utkast" },
      { value: "beslutad", label: "Beslutad av nämnden" },
    ],
    hint: "Bara nämndsekreteraren kan markera planen som beslutad.",
  },
  {
    name: "decisionDate",
    label: "Beslutsdatum",
    kind: "date",
    visible: (values) => values.status === "beslutad",
  },
  { name: "registryNumber", label: "Diarienummer", kind: "text", hint: "T.ex. SN 2027/0042" },
];

export function PlanScreen() {
  const styles = useStyles();
  const { api, committee } = useApp();
  const [selected, setSelected] = useState<string>();
  const data = useLoad(async () => {
    if (!committee) return undefined;
    const [plans, dashboard] = await Promise.all([
      api.get<{ items: RecordItem[] }>(`/api/plans?committeeId=${committee.id}`),
      api.get<Dashboard>(`/api/committees/${committee.id}/dashboard`),
    ]);
    return { plans: plans.items, dashboard };
  }, `${committee?.id}`);

  if (!committee)
    return <EmptyState title="Ingen nämnd">Välj en nämnd överst på sidan.</EmptyState>;
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <LoadingSkeleton />;
  const { plans, dashboard } = data.data;
  const mandate = dashboard.mandatePeriod;
  const mandateKey = selected ?? mandate.key;
  const plan = plans.find((candidate) => candidate.mandatePeriod === mandateKey);

  return (
    <>
      <PageHeader
        title={`Uppföljningsplan ${mandateKey}`}
        description={`Nämndens plan för mandatperioden ${mandate.key} ska beslutas och redovisas till kommunstyrelsen senast ${formatLongDate(mandate.planDue)}.`}
      />
      {plan ? (
        <Badge appearance="tint" color={plan.status === "beslutad" ? "success" : "warning"}>
          {plan.status === "beslutad"
            ? `Beslutad ${formatDate(String(plan.decisionDate ?? ""))}`
            : "Utkast"}
        </Badge>
      ) : null}
      <RecordForm
        key={`${committee.id}-${mandateKey}-${plan?.id ?? "ny"}`}
        fields={FIELDS}
        initial={
          plan ?? {
            scope: "",
            forms: [],
            formsDescription: "",
            responsibility: "",
            timetable: "",
            feedback: "",
            status: "utkast",
            registryNumber: "",
          }
        }
        etag={plan?.etag}
        readOnly={!committee.canWrite}
        submitLabel={plan ? "Spara planen" : "Skapa planen"}
        save={(values, etag) =>
          plan
            ? api.patch(`/api/plans/${plan.id}`, values, etag ?? "")
            : api.post("/api/plans", {
                ...values,
                committeeId: committee.id,
                mandatePeriod: mandateKey,
              })
        }
        onSaved={() => data.reload()}
      />
      {plans.length > 0 ? (
        <section className={styles.section} aria-labelledby="tidigare-planer">
          <Title3 as="h2" id="tidigare-planer">
            Alla planer
          </Title3>
          <Table aria-label="Uppföljningsplaner" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Mandatperiod</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Beslutad</TableHeaderCell>
                <TableHeaderCell>Diarienummer</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plans.map((candidate) => (
                <TableRow key={candidate.id}>
                  <TableCell>
                    <Link
                      href="#"
                      onClick={(event) => {
                        event.preventDefault();
                        setSelected(String(candidate.mandatePeriod));
                      }}
                    >
                      {String(candidate.mandatePeriod)}
                    </Link>
                  </TableCell>
                  <TableCell>{String(candidate.status)}</TableCell>
                  <TableCell>{formatDate(candidate.decisionDate as string | undefined)}</TableCell>
                  <TableCell>{String(candidate.registryNumber || "–")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}
    </>
  );
}
