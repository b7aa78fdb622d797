import { Button, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import { useApp } from "../../app-context.ts";
import { EvidenceSection } from "../../components/evidence/EvidenceSection.tsx";
import { ErrorMessage, LoadingSkeleton, ReadOnlyNotice } from "../../components/Feedback.tsx";
import { HistoryPanel } from "../../components/history/HistoryPanel.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ReportButtons } from "../../components/ReportButtons.tsx";
import { RecordForm } from "../../components/record-form/RecordForm.tsx";
import { RemoveRecord } from "../../components/removal/RemoveRecord.tsx";
import type { CommitteeSummary, HistoryEntry, Items } from "../../types.ts";
import { useRecordScreenStyles } from "./RecordScreen.styles.ts";
import type { RecordRoute } from "./RecordScreen.tsx";
import type { RecordBase, RecordKindView } from "./record-kinds.ts";
import type { RecordData } from "./useRecordData.ts";
import { useRecordEditor } from "./useRecordEditor.ts";

/** The kinds of record that take evidence (underlag): the API's evidence routes. */
const TAKES_EVIDENCE = new Set(["follow-ups", "deviations", "deficiencies"]);

/** One record: its form, its Word drafts, "Ta bort", its evidence and its change history. */
export function RecordEditor<T extends RecordBase>({
  view,
  route,
  id,
  loaded,
  committee,
  onSaved,
}: {
  view: RecordKindView<T>;
  route: RecordRoute;
  id: string;
  loaded: RecordData<T>;
  committee: CommitteeSummary;
  onSaved: () => void;
}) {
  const styles = useRecordScreenStyles();
  const { api, me, navigate } = useApp();
  const { isNew, single, record, existingDraft, fields, writable, contract, initial } =
    useRecordEditor({ view, route, id, loaded, committee });
  /** Files added or removed: the history is read again. */
  const [evidenceRound, setEvidenceRound] = useState(0);

  const backToList = (
    <Button onClick={() => navigate({ screen: view.screen })}>Tillbaka till listan</Button>
  );
  if (!isNew && !record) {
    if (single.error)
      return <ErrorMessage error={single.error} onRetry={single.reload} action={backToList} />;
    return <LoadingSkeleton />;
  }
  if (existingDraft) return <LoadingSkeleton />;

  const path = `/api/${view.path}/${id}`;
  const removable = record && writable;
  return (
    <div className={styles.editor}>
      <PageHeader
        title={isNew ? view.newLabel : `${view.title}: ${contract?.title ?? "(okänt avtal)"}`}
        description={view.description}
        actions={
          <>
            {backToList}
            {removable ? (
              <RemoveRecord
                what={view.definite}
                path={path}
                etag={record.etag}
                onRemoved={() => {
                  onSaved();
                  navigate({ screen: view.screen });
                }}
              />
            ) : null}
          </>
        }
      />
      {writable ? null : (
        <ReadOnlyNotice
          committee={
            me.committees.find((candidate) => candidate.id === record?.committeeId) ?? committee
          }
        />
      )}
      <RecordForm<T>
        fields={fields}
        initial={initial}
        etag={record?.etag}
        draftKey={`${view.path}/${id}${isNew ? `?${route.query ?? ""}` : ""}`}
        readOnly={!writable}
        submitLabel={isNew ? "Spara" : "Spara ändringar"}
        savedMessage={view.savedMessage}
        save={(values, etag) =>
          isNew
            ? api.post<{ etag: string }>(`/api/${view.path}`, {
                ...values,
                committeeId: committee.id,
              })
            : api.patch<{ etag: string }>(path, values, etag ?? "")
        }
        history={
          isNew
            ? undefined
            : () => api.get<Items<HistoryEntry>>(`${path}/history`).then((result) => result.items)
        }
        stored={
          isNew
            ? undefined
            : () => api.get<T>(path).then((stored) => ({ values: stored, etag: stored.etag }))
        }
        onSaved={() => {
          onSaved();
          navigate({ screen: view.screen });
        }}
        onCancel={() => navigate({ screen: view.screen })}
      />
      {record && writable && view.drafts ? (
        <ReportButtons title="Dokument i Word" drafts={view.drafts(record, contract)} />
      ) : null}
      {record && TAKES_EVIDENCE.has(view.path) ? (
        <EvidenceSection
          path={path}
          writable={writable}
          onChanged={() => setEvidenceRound((value) => value + 1)}
        />
      ) : null}
      {record ? (
        <section aria-labelledby="historik" className={styles.history}>
          <Title3 as="h2" id="historik">
            Ändringshistorik
          </Title3>
          <HistoryPanel
            path={path}
            version={`${record.etag}|${evidenceRound}`}
            exportTitle={`Historik ${view.definite} ${contract?.title ?? ""} ${id}`}
          />
        </section>
      ) : null}
    </div>
  );
}
