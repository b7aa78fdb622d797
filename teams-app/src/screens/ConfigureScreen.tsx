import { Field, MessageBar, MessageBarBody, Select, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useApp } from "../app-context.ts";
import { NoCommittee } from "../components/Feedback.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { tabName } from "../tab-name.ts";

/**
 * The channel tab's configuration page (Teams shows it in its own dialog).
 * In a nämnd's team the team decides the nämnd; in another team the person
 * picks one. Teams saves the choice in the tab's address (?namnd=…).
 */
export function ConfigureScreen() {
  const { me, host, committee, committeeProblem } = useApp();
  const teamGroupId = host.kind === "teams" ? host.teamGroupId : undefined;
  const fromTeam =
    teamGroupId !== undefined && committee !== undefined && committee.groupId === teamGroupId;
  const [committeeId, setCommitteeId] = useState(committee?.id ?? "");
  const chosen = me.committees.find((candidate) => candidate.id === committeeId);

  useEffect(() => {
    if (host.kind !== "teams") return;
    host.config.setValid(chosen !== undefined);
    host.config.onSave(() => {
      if (!chosen) return undefined;
      const address = `${window.location.origin}/?namnd=${encodeURIComponent(chosen.id)}#/oversikt`;
      return {
        entityId: `namnd-${chosen.id}`,
        contentUrl: address,
        websiteUrl: address,
        suggestedDisplayName: tabName(chosen),
      };
    });
  }, [chosen, host]);

  return (
    <>
      <PageHeader
        title="Lägg till Avtalsuppföljning i kanalen"
        description="Fliken visar en nämnds årshjul, avtal och uppföljningar."
      />
      {host.kind !== "teams" ? (
        <MessageBar intent="info">
          <MessageBarBody>
            Den här sidan används när fliken läggs till i en kanal i Teams.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {committeeProblem ? (
        <NoCommittee />
      ) : fromTeam && chosen ? (
        <Text block>
          Fliken visar <strong>{chosen.name}</strong>, nämnden som det här teamet hör till. Välj
          Spara för att lägga till fliken ”{tabName(chosen)}”.
        </Text>
      ) : (
        <Field
          label="Nämnd"
          required
          hint={chosen ? `Flikens namn blir ”${tabName(chosen)}”.` : undefined}
        >
          <Select value={committeeId} onChange={(_event, data) => setCommitteeId(data.value)}>
            <option value="">Välj nämnd</option>
            {me.committees.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </>
  );
}
