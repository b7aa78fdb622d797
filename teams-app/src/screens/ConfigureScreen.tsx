import { Field, MessageBar, MessageBarBody, Select } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useApp } from "../app-context.ts";
import { PageHeader } from "../components/PageHeader.tsx";

/**
 * The channel tab's configuration page: the team picks which nämnd the tab
 * shows. Teams saves the choice in the tab's address (?namnd=…).
 */
export function ConfigureScreen() {
  const { me, host } = useApp();
  const [committeeId, setCommitteeId] = useState(
    me.committees.find(
      (committee) =>
        committee.groupId && host.kind === "teams" && committee.groupId === host.teamGroupId,
    )?.id ?? "",
  );

  useEffect(() => {
    if (host.kind !== "teams") return;
    let cancelled = false;
    void import("@microsoft/teams-js").then(({ pages }) => {
      if (cancelled) return;
      const committee = me.committees.find((candidate) => candidate.id === committeeId);
      pages.config.setValidityState(committee !== undefined);
      if (!committee) return;
      pages.config.registerOnSaveHandler((saveEvent) => {
        const origin = window.location.origin;
        pages.config
          .setConfig({
            entityId: `namnd-${committee.id}`,
            contentUrl: `${origin}/?namnd=${committee.id}#/oversikt`,
            websiteUrl: `${origin}/?namnd=${committee.id}#/oversikt`,
            suggestedDisplayName: `Avtal – ${committee.name}`.slice(0, 30),
          })
          .then(
            () => saveEvent.notifySuccess(),
            (error: unknown) => saveEvent.notifyFailure(String(error)),
          );
      });
    });
    return () => {
      cancelled = true;
    };
  }, [committeeId, host, me.committees]);

  return (
    <>
      <PageHeader
        title="Lägg till Avtalsuppföljning i kanalen"
        description="Välj vilken nämnds årshjul, avtal och uppföljningar fliken ska visa."
      />
      {host.kind !== "teams" ? (
        <MessageBar intent="info">
          <MessageBarBody>
            Den här sidan används när fliken läggs till i en kanal i Teams.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label="Nämnd" required>
        <Select value={committeeId} onChange={(_event, data) => setCommitteeId(data.value)}>
          <option value="">Välj nämnd</option>
          {me.committees.map((committee) => (
            <option key={committee.id} value={committee.id}>
              {committee.name}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}
