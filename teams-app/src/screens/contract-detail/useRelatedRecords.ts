import { useState } from "react";
import { useApp } from "../../app-context.ts";
import { useLoad } from "../../hooks/use-load.ts";
import type { RecordScreenName } from "../../routes.ts";
import type {
  Contract,
  Deficiency,
  Deviation,
  FollowUp,
  HistoryEntry,
  Items,
  KickoffMeeting,
} from "../../types.ts";

export type TabName = "follow-ups" | "deficiencies" | "deviations" | "kickoffs" | "history";

export interface RelatedTab {
  value: TabName;
  label: string;
  screen?: RecordScreenName;
  newLabel?: string;
}

export const TABS: [RelatedTab, ...RelatedTab[]] = [
  {
    value: "follow-ups",
    label: "Uppföljningar",
    screen: "uppfoljning",
    newLabel: "Ny uppföljning",
  },
  {
    value: "deficiencies",
    label: "Brister och handlingsplaner",
    screen: "brister",
    newLabel: "Ny brist",
  },
  { value: "deviations", label: "Avvikelser", screen: "avvikelser", newLabel: "Ny avvikelse" },
  {
    value: "kickoffs",
    label: "Uppstartsmöten",
    screen: "uppstartsmoten",
    newLabel: "Nytt uppstartsmöte",
  },
  { value: "history", label: "Ändringshistorik" },
];

export type Loaded =
  | { tab: "history"; rows: HistoryEntry[] }
  | { tab: "follow-ups"; rows: FollowUp[] }
  | { tab: "deficiencies"; rows: Deficiency[] }
  | { tab: "deviations"; rows: Deviation[] }
  | { tab: "kickoffs"; rows: KickoffMeeting[] };

/** The tab shown under a contract, what it holds, and whether the person may add to it. */
export function useRelatedRecords(contract: Contract) {
  const { api, me } = useApp();
  const [tab, setTab] = useState<TabName>("follow-ups");
  const current = TABS.find((candidate) => candidate.value === tab) ?? TABS[0];
  const canWrite = me.committees.some(
    (candidate) =>
      candidate.canWrite &&
      (candidate.id === contract.committeeId ||
        contract.sharedWithCommitteeIds.includes(candidate.id)),
  );
  // The contract's ETag is in the key: its history is read again after each save.
  const data = useLoad(async (): Promise<Loaded> => {
    const base = `contractId=${contract.id}`;
    switch (tab) {
      case "history":
        return {
          tab,
          rows: (await api.get<Items<HistoryEntry>>(`/api/contracts/${contract.id}/history`)).items,
        };
      case "follow-ups":
        return {
          tab,
          rows: (await api.get<Items<FollowUp>>(`/api/follow-ups?${base}`)).items,
        };
      case "deficiencies":
        return {
          tab,
          rows: (await api.get<Items<Deficiency>>(`/api/deficiencies?${base}`)).items,
        };
      case "deviations":
        return {
          tab,
          rows: (await api.get<Items<Deviation>>(`/api/deviations?${base}`)).items,
        };
      case "kickoffs":
        return {
          tab,
          rows: (await api.get<Items<KickoffMeeting>>(`/api/kickoffs?${base}`)).items,
        };
    }
  }, `${tab}|${contract.id}|${contract.etag}`);
  const select = (value: unknown) =>
    setTab(TABS.find((candidate) => candidate.value === value)?.value ?? "follow-ups");
  return { tab, current, select, canWrite, data };
}
