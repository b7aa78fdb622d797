import {
  Badge,
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Switch,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { ApiError } from "../api.ts";
import { useApp } from "../app-context.ts";
import { ClassificationMatrix } from "../components/ClassificationMatrix.tsx";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../components/Feedback.tsx";
import { LeaveShare } from "../components/LeaveShare.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { type FieldSpec, RecordForm, type Values } from "../components/RecordForm.tsx";
import { formatDate, formatDateTime } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import type {
  CommitteeSummary,
  Contract,
  HistoryEntry,
  Level,
  Provider,
  RecordItem,
} from "../types.ts";
import { knownPeople } from "./RecordScreen.tsx";

const useStyles = makeStyles({
  layout: { display: "grid", gap: tokens.spacingVerticalXL },
  override: { display: "grid", gap: tokens.spacingVerticalS, padding: tokens.spacingVerticalS },
  related: { display: "grid", gap: tokens.spacingVerticalM },
});

const PUBLIC_FIELDS = [
  { value: "provider", label: "Visa utförare" },
  { value: "serviceArea", label: "Visa verksamhetsområde" },
  { value: "period", label: "Visa avtalsperiod" },
  { value: "followedUp", label: "Visa vad som följs upp" },
  { value: "latestResult", label: "Visa senaste uppföljningens sammanfattning" },
  { value: "actionPlans", label: "Visa om handlingsplaner pågår" },
];

const FIELD_LABELS: Record<string, string> = {
  Title: "Namn",
  provider: "Utförare",
  providers: "Utförare (alla)",
  serviceArea: "Område",
  valueClass: "Värde",
  impactClass: "Påverkan",
  strategic: "Strategiskt",
  overrideReason: "Motivering",
  endDate: "Avtalsslut",
  startDate: "Avtalsstart",
  status: "Status",
  extensionOptions: "Förlängningsoptioner",
  extensionDecisionDate: "Sista dag för förlängningsbeslut",
  annualValue: "Årsvärde",
  ownerName: "Avtalsansvarig",
  description: "Beskrivning",
  internalNotes: "Interna anteckningar",
  publicDescription: "Vad följs upp (publikt)",
  sharedWith: "Delas med",
};

/** "namn; organisationsnummer; e-post", one provider per line. */
const providerLine = (provider: Provider) =>
  [provider.name, provider.orgNumber, provider.email].filter(Boolean).join("; ");

export function parseProviderLines(text: string): Provider[] {
  return text
    .split("\n")
    .map((line) => line.split(";").map((part) => part.trim()))
    .filter(([name]) => name)
    .map(([name = "", orgNumber = "", email = ""]) => ({ name, orgNumber, email }));
}

function toValues(contract: Contract): Values {
  const matrix = contract.valueClass === "hög" && contract.impactClass === "hög";
  const override = contract.strategic !== matrix;
  const [first, ...others] = contract.providers;
  const { providers: _providers, ...rest } = contract;
  return {
    ...rest,
    // The first provider in the fields of its own; the others (LOV, framework agreements) one per line.
    provider: first?.name ?? contract.provider,
    providerOrgNumber: first?.orgNumber ?? contract.providerOrgNumber,
    providerEmail: first?.email ?? "",
    otherProviders: others.map(providerLine).join("\n"),
    overrideEnabled: override,
    overrideReason: override ? contract.overrideReason : "",
  };
}

function fromValues(values: Values) {
  const {
    overrideEnabled,
    overrideReason,
    strategic: _strategic,
    warning: _warning,
    etag: _etag,
    id: _id,
    providerEmail,
    otherProviders,
    ...rest
  } = values;
  const matrix = values.valueClass === "hög" && values.impactClass === "hög";
  return {
    ...rest,
    providers: [
      {
        name: String(values.provider ?? "").trim(),
        orgNumber: String(values.providerOrgNumber ?? "").trim(),
        email: String(providerEmail ?? "").trim(),
      },
      ...parseProviderLines(String(otherProviders ?? "")),
    ],
    strategicOverride: overrideEnabled
      ? { strategic: !matrix, reason: String(overrideReason ?? "") }
      : null,
  };
}

export function ContractDetail({ id }: { id?: string }) {
  const styles = useStyles();
  const { api, me, committee, navigate } = useApp();
  const [relatedTab, setRelatedTab] = useState("follow-ups");
  const [warning, setWarning] = useState<string>();
  const loaded = useLoad(async () => {
    const [contracts, allCommittees] = await Promise.all([
      committee
        ? api
            .get<{ items: Contract[] }>(`/api/contracts?committeeId=${committee.id}`)
            .then((result) => result.items)
        : [],
      api.get<{ items: CommitteeSummary[] }>("/api/committees").then((result) => result.items),
    ]);
    if (!id) return { contract: undefined, contracts, allCommittees };
    const [contract, history] = await Promise.all([
      api.get<Contract>(`/api/contracts/${id}`),
      api.get<{ items: HistoryEntry[] }>(`/api/contracts/${id}/history`),
    ]);
    return { contract, history: history.items, contracts, allCommittees };
  }, `${id}|${committee?.id}`);

  if (loaded.error) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingSkeleton label="Hämtar avtalet …" />;
  const { contract, contracts, allCommittees } = loaded.data;
  const writable = me.committees.filter((candidate) => candidate.canWrite);
  const canEdit = contract
    ? contract.owner.id === me.user.id ||
      writable.some((candidate) => candidate.id === contract.committeeId)
    : writable.length > 0;

  const fields: FieldSpec[] = [
    { name: "title", label: "Avtalets namn", kind: "text", required: true },
    { name: "contractNumber", label: "Avtalsnummer", kind: "text", required: true },
    {
      name: "committeeId",
      label: "Ansvarig nämnd",
      kind: "select",
      required: true,
      options: (contract ? allCommittees : writable).map((candidate) => ({
        value: candidate.id,
        label: candidate.name,
      })),
    },
    {
      name: "sharedWithCommitteeIds",
      label: "Delas med (nämnder som följer upp sin del)",
      hint: "Du kan dela med nämnder där du själv är med; en nämnd kan alltid ta bort sig själv.",
      kind: "checkboxes",
      options: allCommittees
        .filter((candidate) => candidate.id !== contract?.committeeId)
        .map((candidate) => ({ value: candidate.id, label: candidate.name })),
    },
    {
      name: "serviceArea",
      label: "Verksamhetsområde",
      kind: "text",
      required: true,
      hint: "T.ex. hemtjänst, skolskjuts, snöröjning",
    },
    { name: "provider", label: "Utförare", kind: "text", required: true },
    { name: "providerOrgNumber", label: "Organisationsnummer", kind: "text" },
    {
      name: "providerEmail",
      label: "Utförarens e-post",
      kind: "text",
      hint: "Dit nämndens återkoppling efter uppföljning skickas",
    },
    {
      name: "otherProviders",
      label: "Fler utförare i avtalet",
      kind: "textarea",
      hint: "För valfrihetssystem (LOV) och ramavtal: en utförare per rad, som namn; organisationsnummer; e-post",
    },
    { name: "ownRegime", label: "Egen regi", kind: "boolean" },
    {
      name: "owner",
      label: "Avtalsansvarig",
      kind: "person",
      required: true,
      people: knownPeople(me.user, contracts),
    },
    { name: "annualValue", label: "Årsvärde (kronor)", kind: "number" },
    { name: "startDate", label: "Avtalsstart", kind: "date" },
    { name: "endDate", label: "Avtalsslut", kind: "date" },
    {
      name: "extensionOptions",
      label: "Förlängningsoptioner",
      kind: "text",
      hint: "T.ex. 1 + 1 år",
    },
    { name: "extensionDecisionDate", label: "Sista dag för beslut om förlängning", kind: "date" },
    {
      name: "status",
      label: "Status",
      kind: "select",
      required: true,
      options: ["planerat", "aktivt", "avslutat"].map((value) => ({ value, label: value })),
    },
    {
      name: "followUpsPerYear",
      label: "Uppföljningar per år",
      kind: "number",
      hint: "Riskbaserat: t.ex. 3 för hög risk, 1 för medel",
    },
    { name: "description", label: "Beskrivning", kind: "textarea" },
    {
      name: "publicFields",
      label: "Uppgifter som får visas för allmänheten",
      kind: "checkboxes",
      options: PUBLIC_FIELDS,
    },
    { name: "publicDescription", label: "Vad följs upp (visas för allmänheten)", kind: "textarea" },
    {
      name: "internalNotes",
      label: "Interna anteckningar (visas aldrig för allmänheten)",
      kind: "textarea",
    },
  ];

  const initial: Values = contract
    ? toValues(contract)
    : {
        title: "",
        contractNumber: "",
        committeeId: committee?.canWrite ? committee.id : (writable[0]?.id ?? ""),
        sharedWithCommitteeIds: [],
        serviceArea: "",
        provider: "",
        providerOrgNumber: "",
        providerEmail: "",
        otherProviders: "",
        ownRegime: false,
        owner: me.user,
        valueClass: "låg",
        impactClass: "låg",
        overrideEnabled: false,
        overrideReason: "",
        extensionOptions: "",
        status: "aktivt",
        followUpsPerYear: 1,
        description: "",
        publicFields: ["provider", "serviceArea", "period", "followedUp"],
        publicDescription: "",
        internalNotes: "",
      };

  return (
    <div className={styles.layout}>
      <PageHeader
        title={contract ? contract.title : "Nytt avtal"}
        description={
          contract ? (
            <>
              {contract.contractNumber} · {contract.provider}{" "}
              {contract.strategic ? (
                <Badge appearance="tint" color="brand">
                  Strategiskt
                </Badge>
              ) : null}
            </>
          ) : (
            "Registrera avtalet och klassificera det efter värde och påverkan."
          )
        }
        actions={
          <Button onClick={() => navigate({ screen: "avtal" })}>Till avtalsregistret</Button>
        }
      />
      {warning ? (
        <MessageBar intent="warning">
          <MessageBarBody>{warning}</MessageBarBody>
        </MessageBar>
      ) : null}
      {contract
        ? me.committees
            .filter(
              (candidate) =>
                candidate.canWrite && contract.sharedWithCommitteeIds.includes(candidate.id),
            )
            .map((candidate) => (
              <LeaveShare
                key={candidate.id}
                contractId={contract.id}
                committee={candidate}
                onLeft={() => navigate({ screen: "avtal" })}
              />
            ))
        : null}
      <RecordForm
        fields={fields}
        initial={initial}
        etag={contract?.etag}
        readOnly={!canEdit}
        submitLabel={contract ? "Spara ändringar" : "Spara avtalet"}
        save={async (values, etag) => {
          try {
            return (await (contract
              ? api.patch<Contract>(`/api/contracts/${contract.id}`, fromValues(values), etag ?? "")
              : api.post<Contract>("/api/contracts", fromValues(values)))) as never;
          } catch (failure) {
            // The stored version comes as a contract: shown and loaded as the form's fields,
            // so loading it keeps every provider.
            if (failure instanceof ApiError && failure.status === 412 && failure.problem.current)
              failure.problem.current = toValues(failure.problem.current as Contract);
            throw failure;
          }
        }}
        onSaved={(saved) => {
          const result = saved as unknown as Contract;
          setWarning(result.warning);
          if (!contract) navigate({ screen: "avtal-detalj", id: result.id });
          else loaded.reload();
        }}
        renderTop={(values, set, error) => {
          const matrixStrategic = values.valueClass === "hög" && values.impactClass === "hög";
          return (
            <>
              <ClassificationMatrix
                valueClass={values.valueClass as Level}
                impactClass={values.impactClass as Level}
                disabled={!canEdit}
                onChange={(value, impact) => {
                  set("valueClass", value);
                  set("impactClass", impact);
                }}
                error={error?.fieldMessage("valueClass") ?? error?.fieldMessage("impactClass")}
              />
              <div className={styles.override}>
                <Switch
                  checked={values.overrideEnabled === true}
                  disabled={!canEdit}
                  label={
                    matrixStrategic
                      ? "Nämnden bedömer att avtalet inte är strategiskt"
                      : "Nämnden bedömer att avtalet är strategiskt"
                  }
                  onChange={(_event, data) => set("overrideEnabled", data.checked)}
                />
                {values.overrideEnabled === true ? (
                  <Field
                    label="Motivering till nämndens bedömning"
                    required
                    validationState={error?.fieldMessage("strategicOverride") ? "error" : "none"}
                    validationMessage={error?.fieldMessage("strategicOverride")}
                  >
                    <Textarea
                      value={String(values.overrideReason ?? "")}
                      disabled={!canEdit}
                      onChange={(_event, data) => set("overrideReason", data.value)}
                    />
                  </Field>
                ) : null}
                <Text role="status">
                  Resultat:{" "}
                  {(values.overrideEnabled === true ? !matrixStrategic : matrixStrategic)
                    ? "strategiskt avtal"
                    : "övrigt avtal (följs upp inom internkontrollen)"}
                </Text>
              </div>
            </>
          );
        }}
      />
      {contract ? (
        <Related
          contract={contract}
          tab={relatedTab}
          onTab={setRelatedTab}
          history={loaded.data.history ?? []}
        />
      ) : null}
    </div>
  );
}

function Related({
  contract,
  tab,
  onTab,
  history,
}: {
  contract: Contract;
  tab: string;
  onTab: (tab: string) => void;
  history: HistoryEntry[];
}) {
  const styles = useStyles();
  const { api, navigate } = useApp();
  const records = useLoad(
    () =>
      tab === "history"
        ? Promise.resolve({ items: [] as RecordItem[] })
        : api.get<{ items: RecordItem[] }>(`/api/${tab}?contractId=${contract.id}`),
    `${tab}|${contract.id}`,
  );
  const columns: Record<string, Array<[string, (record: RecordItem) => string]>> = {
    "follow-ups": [
      ["Period", (record) => String(record.period)],
      ["Uppfyller kraven", (record) => String(record.meetsRequirements)],
      ["Status", (record) => String(record.status)],
    ],
    deficiencies: [
      ["Brist", (record) => String(record.description)],
      ["Uppföljning", (record) => formatDate(record.checkUpDate as string | undefined)],
      ["Status", (record) => String(record.status)],
    ],
    deviations: [
      ["Datum", (record) => formatDate(record.occurredOn as string)],
      ["Beskrivning", (record) => String(record.description)],
      ["Status", (record) => String(record.status)],
    ],
    kickoffs: [
      ["Mötesdatum", (record) => formatDate(record.meetingDate as string)],
      ["Anledning", (record) => String(record.reason)],
      ["Diarienummer", (record) => String(record.minutesRegistryNumber || "–")],
    ],
  };
  return (
    <section className={styles.related} aria-labelledby="relaterat">
      <Title3 as="h2" id="relaterat">
        Uppföljning av avtalet
      </Title3>
      <TabList selectedValue={tab} onTabSelect={(_event, data) => onTab(String(data.value))}>
        <Tab value="follow-ups">Uppföljningar</Tab>
        <Tab value="deficiencies">Brister och handlingsplaner</Tab>
        <Tab value="deviations">Avvikelser</Tab>
        <Tab value="kickoffs">Uppstartsmöten</Tab>
        <Tab value="history">Ändringshistorik</Tab>
      </TabList>
      <div role="tabpanel" aria-label={tab === "history" ? "Ändringshistorik" : "Poster"}>
        {tab === "history" ? (
          <Table aria-label="Ändringshistorik" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>När</TableHeaderCell>
                <TableHeaderCell>Vem</TableHeaderCell>
                <TableHeaderCell>Ändringar</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {history.map((entry) => (
                <TableRow key={entry.version}>
                  <TableCell>{formatDateTime(entry.modified)}</TableCell>
                  <TableCell>{entry.modifiedBy}</TableCell>
                  <TableCell>
                    {entry.version === "1.0" && entry === history.at(-1)
                      ? "Skapat"
                      : entry.changes
                          .map(
                            (change) =>
                              `${FIELD_LABELS[change.field] ?? change.field}: ${String(change.from ?? "–")} → ${String(change.to ?? "–")}`,
                          )
                          .join("; ") || "–"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : records.data ? (
          records.data.items.length === 0 ? (
            <EmptyState title="Inget registrerat">
              Det finns inget registrerat här för avtalet ännu.
            </EmptyState>
          ) : (
            <Table aria-label="Poster" size="small">
              <TableHeader>
                <TableRow>
                  {columns[tab]?.map(([label]) => (
                    <TableHeaderCell key={label}>{label}</TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {records.data.items.map((record) => (
                  <TableRow key={record.id}>
                    {columns[tab]?.map(([label, value], index) => (
                      <TableCell key={label}>
                        {index === 0 && (tab === "follow-ups" || tab === "deficiencies") ? (
                          <Link
                            href="#"
                            onClick={(event) => {
                              event.preventDefault();
                              navigate(
                                tab === "follow-ups"
                                  ? { screen: "uppfoljning", id: record.id }
                                  : { screen: "brister", id: record.id },
                              );
                            }}
                          >
                            {value(record)}
                          </Link>
                        ) : (
                          value(record)
                        )}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )
        ) : records.error ? (
          <ErrorMessage error={records.error} onRetry={records.reload} />
        ) : (
          <LoadingSkeleton />
        )}
      </div>
    </section>
  );
}
