import { Badge, Link, makeStyles, Title3, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useApp } from "../app-context.ts";
import { DataList } from "../components/data-list/DataList.tsx";
import {
  ErrorMessage,
  LoadingSkeleton,
  NoCommittee,
  ReadOnlyNotice,
} from "../components/Feedback.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { Draft, FieldSpec } from "../components/record-form/fields.ts";
import { RecordForm } from "../components/record-form/RecordForm.tsx";
import { formatDate, mandateLabel } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import type { Dashboard, FollowUpPlan, FormOf, HistoryEntry, Items, PlanInput } from "../types.ts";
import { capitalised } from "./record-screen/record-kinds.ts";

const useStyles = makeStyles({
  section: { display: "grid", gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalXL },
  layout: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
});

const FIELDS: FieldSpec<FormOf<FollowUpPlan, PlanInput>>[] = [
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
    requiredWhen: (values) => values.status === "beslutad",
  },
  { name: "registryNumber", label: "Diarienummer", kind: "text", hint: "T.ex. SN 2027/0042" },
];

const EMPTY_PLAN: Draft<FollowUpPlan> = {
  scope: "",
  forms: [],
  formsDescription: "",
  responsibility: "",
  timetable: "",
  feedback: "",
  status: "utkast",
  registryNumber: "",
};

/** The nämnd's follow-up plan for the mandate period (seed 001's five parts). */
export function PlanScreen() {
  const styles = useStyles();
  const { api, committee } = useApp();
  const [selected, setSelected] = useState<string>();
  const data = useLoad(async () => {
    if (!committee) return undefined;
    const [plans, dashboard] = await Promise.all([
      api.get<Items<FollowUpPlan>>(`/api/plans?committeeId=${committee.id}`),
      api.get<Dashboard>(`/api/committees/${committee.id}/dashboard`),
    ]);
    return { plans: plans.items, dashboard };
  }, `${committee?.id}`);

  if (!committee) return <NoCommittee />;
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <LoadingSkeleton label="Hämtar uppföljningsplanen …" />;
  const { plans, dashboard } = data.data;
  const mandate = dashboard.mandatePeriod;
  const mandateKey = selected ?? mandate.key;
  const plan = plans.find((candidate) => candidate.mandatePeriod === mandateKey);
  const canWrite = committee.canWrite === true;

  return (
    <div className={styles.layout}>
      <PageHeader
        title={`Uppföljningsplan ${mandateLabel(mandateKey)}`}
        description={`Nämndens plan för mandatperioden ${mandate.label} ska beslutas och redovisas till kommunstyrelsen senast ${formatDate(mandate.planDue)}.`}
      />
      {plan ? (
        <Badge appearance="tint" color={plan.status === "beslutad" ? "success" : "warning"}>
          {plan.status === "beslutad" ? `Beslutad ${formatDate(plan.decisionDate)}` : "Utkast"}
        </Badge>
      ) : null}
      {canWrite ? null : <ReadOnlyNotice committee={committee} />}
      <RecordForm<FollowUpPlan>
        key={`${committee.id}-${mandateKey}-${plan?.id ?? "ny"}`}
        fields={FIELDS}
        initial={plan ?? EMPTY_PLAN}
        etag={plan?.etag}
        draftKey={`plans/${committee.id}/${mandateKey}`}
        readOnly={!canWrite}
        submitLabel={plan ? "Spara planen" : "Skapa planen"}
        savedMessage="Uppföljningsplanen är sparad."
        save={(values, etag) =>
          plan
            ? api.patch<FollowUpPlan>(`/api/plans/${plan.id}`, values, etag ?? "")
            : api.post<FollowUpPlan>("/api/plans", {
                ...values,
                committeeId: committee.id,
                mandatePeriod: mandateKey,
              } satisfies Partial<PlanInput>)
        }
        history={
          plan
            ? () =>
                api
                  .get<Items<HistoryEntry>>(`/api/plans/${plan.id}/history`)
                  .then((result) => result.items)
            : undefined
        }
        stored={
          plan
            ? () =>
                api
                  .get<FollowUpPlan>(`/api/plans/${plan.id}`)
                  .then((stored) => ({ values: stored, etag: stored.etag }))
            : undefined
        }
        onSaved={() => data.reload()}
      />
      {plans.length > 0 ? (
        <section className={styles.section} aria-labelledby="tidigare-planer">
          <Title3 as="h2" id="tidigare-planer">
            Alla planer
          </Title3>
          <DataList
            label="Uppföljningsplaner"
            rows={plans}
            rowKey={(candidate) => candidate.id}
            columns={[
              {
                key: "mandatperiod",
                label: "Mandatperiod",
                cell: (candidate) => (
                  <Link onClick={() => setSelected(candidate.mandatePeriod)}>
                    {mandateLabel(candidate.mandatePeriod)}
                  </Link>
                ),
              },
              {
                key: "status",
                label: "Status",
                cell: (candidate) => capitalised(candidate.status),
              },
              {
                key: "beslutad",
                label: "Beslutad",
                cell: (candidate) => formatDate(candidate.decisionDate),
              },
              {
                key: "dnr",
                label: "Diarienummer",
                cell: (candidate) => candidate.registryNumber || "–",
              },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
