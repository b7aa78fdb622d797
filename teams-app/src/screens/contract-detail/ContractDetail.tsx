import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Switch,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { useRef, useState } from "react";
import { ApiError } from "../../api.ts";
import { useApp } from "../../app-context.ts";
import { ClassificationMatrix } from "../../components/ClassificationMatrix.tsx";
import { EvidenceSection } from "../../components/evidence/EvidenceSection.tsx";
import { ErrorMessage, LoadingSkeleton, ReadOnlyNotice } from "../../components/Feedback.tsx";
import { LeaveShare } from "../../components/LeaveShare.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RecordForm } from "../../components/record-form/RecordForm.tsx";
import { RemoveRecord } from "../../components/removal/RemoveRecord.tsx";
import { useLoad } from "../../hooks/use-load.ts";
import type { CommitteeSummary, Contract, ContractList, HistoryEntry, Items } from "../../types.ts";
import { knownPeople } from "../record-screen/known-people.ts";
import { useContractDetailStyles } from "./ContractDetail.styles.ts";
import {
  contractFields,
  formErrors,
  isLevel,
  matrixStrategic,
  newContract,
  toBody,
  toForm,
} from "./contract-form.ts";
import { ProviderLinks } from "./ProviderLinks.tsx";
import { RelatedRecords } from "./RelatedRecords.tsx";
import { RiskCard } from "./risk/RiskCard.tsx";

/** One contract: its classification and facts, and everything followed up under it. */
export function ContractDetail({ id }: { id?: string }) {
  const styles = useContractDetailStyles();
  const { api, me, committee, navigate } = useApp();
  const [warning, setWarning] = useState<string>();
  const lastSaved = useRef<Contract>(undefined);
  const loaded = useLoad(async () => {
    const [contracts, allCommittees] = await Promise.all([
      committee
        ? api
            .get<ContractList>(`/api/contracts?committeeId=${committee.id}`)
            .then((result) => result.items)
        : [],
      api.get<Items<CommitteeSummary>>("/api/committees").then((result) => result.items),
    ]);
    if (!id) return { contract: undefined, contracts, allCommittees };
    const contract = await api.get<Contract>(`/api/contracts/${id}`);
    return { contract, contracts, allCommittees };
  }, `${id}|${committee?.id}`);

  const toRegister = (
    <Button onClick={() => navigate({ screen: "avtal" })}>Till avtalsregistret</Button>
  );
  if (loaded.error)
    return <ErrorMessage error={loaded.error} onRetry={loaded.reload} action={toRegister} />;
  if (!loaded.data) return <LoadingSkeleton label="Hämtar avtalet …" />;
  const { contract, contracts, allCommittees } = loaded.data;
  const writable = me.committees.filter((candidate) => candidate.canWrite);
  const canEdit = contract
    ? contract.owner.id === me.user.id ||
      writable.some((candidate) => candidate.id === contract.committeeId)
    : writable.length > 0;
  const fields = contractFields({
    committees: contract ? allCommittees : writable,
    shareable: allCommittees.filter((candidate) => candidate.id !== contract?.committeeId),
    people: knownPeople(me.user, contracts),
  });
  const owner = allCommittees.find((candidate) => candidate.id === contract?.committeeId);
  // A nämnd the contract is shared with may always take itself off (the nämnder the person writes for).
  const leavable = contract
    ? writable.filter((candidate) => contract.sharedWithCommitteeIds.includes(candidate.id))
    : [];

  return (
    <div className={styles.layout}>
      <PageHeader
        title={contract ? contract.title : "Nytt avtal"}
        description={
          contract ? (
            <>
              {contract.contractNumber} · <ProviderLinks contract={contract} />{" "}
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
          <>
            {toRegister}
            {contract && canEdit ? (
              <RemoveRecord
                what="avtalet"
                path={`/api/contracts/${contract.id}`}
                etag={contract.etag}
                onRemoved={() => navigate({ screen: "avtal" })}
              />
            ) : null}
          </>
        }
      />
      {warning ? (
        <MessageBar intent="warning">
          <MessageBarBody>{warning}</MessageBarBody>
        </MessageBar>
      ) : null}
      {canEdit ? null : <ReadOnlyNotice committee={owner ?? { name: "nämnden" }} />}
      {contract
        ? leavable.map((candidate) => (
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
        initial={
          contract
            ? toForm(contract)
            : newContract(me.user, committee?.canWrite ? committee.id : (writable[0]?.id ?? ""))
        }
        etag={contract?.etag}
        draftKey={`contracts/${contract?.id ?? "nytt"}`}
        readOnly={!canEdit}
        submitLabel={contract ? "Spara ändringar" : "Spara avtalet"}
        savedMessage="Avtalet är sparat."
        save={async (values, etag) => {
          try {
            const saved = contract
              ? await api.patch<Contract>(
                  `/api/contracts/${contract.id}`,
                  toBody(values),
                  etag ?? "",
                )
              : await api.post<Contract>("/api/contracts", toBody(values));
            lastSaved.current = saved;
            return saved;
          } catch (failure) {
            // The server names the providers' list; the form shows its fields.
            if (failure instanceof ApiError && failure.problem.errors)
              throw new ApiError({
                ...failure.problem,
                errors: formErrors(failure.problem.errors, values),
              });
            throw failure;
          }
        }}
        history={
          contract
            ? () =>
                api
                  .get<Items<HistoryEntry>>(`/api/contracts/${contract.id}/history`)
                  .then((result) => result.items)
            : undefined
        }
        stored={
          contract
            ? () =>
                api
                  .get<Contract>(`/api/contracts/${contract.id}`)
                  .then((stored) => ({ values: toForm(stored), etag: stored.etag }))
            : undefined
        }
        onSaved={() => {
          const saved = lastSaved.current;
          setWarning(saved?.warning);
          if (!contract && saved) navigate({ screen: "avtal-detalj", id: saved.id });
          else loaded.reload();
        }}
        renderTop={(values, set, errorFor) => {
          const fromMatrix = matrixStrategic(values);
          const strategic = values.overrideEnabled === true ? !fromMatrix : fromMatrix;
          const overrideMessage = errorFor("strategicOverride") ?? errorFor("overrideReason");
          return (
            <>
              <ClassificationMatrix
                valueClass={isLevel(values.valueClass) ? values.valueClass : "låg"}
                impactClass={isLevel(values.impactClass) ? values.impactClass : "låg"}
                disabled={!canEdit}
                onChange={(value, impact) => {
                  set("valueClass", value);
                  set("impactClass", impact);
                }}
                error={errorFor("valueClass") ?? errorFor("impactClass")}
              />
              <div className={styles.override}>
                {canEdit ? (
                  <Switch
                    checked={values.overrideEnabled === true}
                    label={
                      fromMatrix
                        ? "Nämnden bedömer att avtalet inte är strategiskt"
                        : "Nämnden bedömer att avtalet är strategiskt"
                    }
                    onChange={(_event, data) => set("overrideEnabled", data.checked)}
                  />
                ) : null}
                {values.overrideEnabled === true ? (
                  <div data-field="overrideReason">
                    <Field
                      label="Motivering till nämndens bedömning"
                      required={canEdit}
                      validationState={overrideMessage ? "error" : "none"}
                      validationMessage={overrideMessage}
                    >
                      {canEdit ? (
                        <Textarea
                          value={values.overrideReason ?? ""}
                          onChange={(_event, data) => set("overrideReason", data.value)}
                        />
                      ) : (
                        <Text>{values.overrideReason}</Text>
                      )}
                    </Field>
                  </div>
                ) : null}
                <Text role="status">
                  Resultat:{" "}
                  {strategic
                    ? "strategiskt avtal"
                    : "övrigt avtal (följs upp inom internkontrollen)"}
                </Text>
              </div>
            </>
          );
        }}
      />
      {contract ? <RiskCard contract={contract} canEdit={canEdit} onSaved={loaded.reload} /> : null}
      {contract ? (
        <EvidenceSection path={`/api/contracts/${contract.id}`} writable={canEdit} />
      ) : null}
      {contract ? <RelatedRecords contract={contract} /> : null}
    </div>
  );
}
