import { useApp } from "../../app-context.ts";
import { ErrorMessage, LoadingSkeleton, NoCommittee } from "../../components/Feedback.tsx";
import type { RecordScreenName, Route } from "../../routes.ts";
import { RecordEditor } from "./RecordEditor.tsx";
import { RecordList } from "./RecordList.tsx";
import {
  DEFICIENCIES,
  DEVIATIONS,
  FOLLOW_UPS,
  KICKOFFS,
  type RecordBase,
  type RecordKindView,
} from "./record-kinds.ts";
import { useRecordData } from "./useRecordData.ts";

export type RecordRoute = Extract<Route, { screen: RecordScreenName }>;

/** Uppstartsmöten, Avvikelser, Uppföljning, Brister: the list, and one record's form. */
export function RecordScreen({ route }: { route: RecordRoute }) {
  switch (route.screen) {
    case "uppstartsmoten":
      return <KindScreen view={KICKOFFS} route={route} />;
    case "avvikelser":
      return <KindScreen view={DEVIATIONS} route={route} />;
    case "uppfoljning":
      return <KindScreen view={FOLLOW_UPS} route={route} />;
    case "brister":
      return <KindScreen view={DEFICIENCIES} route={route} />;
  }
}

function KindScreen<T extends RecordBase>({
  view,
  route,
}: {
  view: RecordKindView<T>;
  route: RecordRoute;
}) {
  const { committee } = useApp();
  const data = useRecordData(view);

  if (!committee) return <NoCommittee />;
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data)
    return <LoadingSkeleton label={`Hämtar ${view.title.toLocaleLowerCase("sv")} …`} />;
  if (route.id)
    return (
      <RecordEditor
        key={`${route.id}|${route.query ?? ""}`}
        view={view}
        route={route}
        id={route.id}
        loaded={data.data}
        committee={committee}
        onSaved={data.reload}
      />
    );
  return <RecordList view={view} route={route} loaded={data.data} committee={committee} />;
}
