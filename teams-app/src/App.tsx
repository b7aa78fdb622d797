import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect } from "react";
import type { Api } from "./api.ts";
import { COMMITTEE_KEY, chooseCommittee } from "./committee-choice.ts";
import { ErrorMessage, LoadingSkeleton } from "./components/Feedback.tsx";
import { useLoad } from "./hooks/use-load.ts";
import type { Host, ThemeName } from "./host.ts";
import { AppShell } from "./shell/AppShell.tsx";
import { readStored } from "./storage.ts";
import type { Me } from "./types.ts";

const useStyles = makeStyles({
  main: { padding: tokens.spacingHorizontalXL, display: "grid", gap: tokens.spacingVerticalM },
});

interface AppProps {
  api: Api;
  host: Host;
  theme: ThemeName;
  onThemeChange: ((theme: ThemeName) => void) | undefined;
  onSignOut: (() => void) | undefined;
}

/** Whether the tab opens on Översikt (its landing), as the address says. */
export function opensOnOverview(): boolean {
  const hash = window.location.hash;
  return hash === "" || hash === "#" || hash === "#/" || hash.startsWith("#/oversikt");
}

/**
 * Opening on Översikt: when the nämnd is already known (the tab's ?namnd,
 * the one chosen before in this tab), its dashboard is asked for at once,
 * beside /api/me, rather than after it. (Översikt's code is asked for even
 * earlier, by main.tsx.)
 */
function startEarly(api: Api, host: Host): void {
  if (!opensOnOverview() || (host.kind === "teams" && host.frameContext === "settings")) return;
  const committeeId =
    new URLSearchParams(window.location.search).get("namnd") ??
    readStored("session", COMMITTEE_KEY);
  if (committeeId && /^\d+$/.test(committeeId))
    api.prefetch?.(`/api/committees/${committeeId}/dashboard`);
}

/**
 * When the nämnd was not known before /api/me (a personal tab, a first
 * visit), its dashboard is asked for as soon as /api/me answers, while the
 * shell renders, rather than once Översikt has mounted. A team whose nämnd
 * the person cannot read is left to the shell, which says so.
 */
function startOverview(api: Api, host: Host, me: Me): void {
  if (!opensOnOverview() || (host.kind === "teams" && host.frameContext === "settings")) return;
  const teamGroupId = host.kind === "teams" ? host.teamGroupId : undefined;
  if (teamGroupId && !me.committees.some((committee) => committee.groupId === teamGroupId)) return;
  const { committeeId } = chooseCommittee({
    me,
    teamGroupId,
    teamCommittee: undefined,
    fromAddress: new URLSearchParams(window.location.search).get("namnd") ?? undefined,
    remembered: readStored("session", COMMITTEE_KEY),
  });
  if (committeeId) api.prefetch?.(`/api/committees/${committeeId}/dashboard`);
}

/** The signed-in app: who the person is first, then the shell with its screens. */
export function App(props: AppProps) {
  const styles = useStyles();
  // Before the /api/me load below (effects run in order): both go out together.
  useEffect(() => startEarly(props.api, props.host), [props.api, props.host]);
  const me = useLoad(
    () =>
      props.api.get<Me>("/api/me").then((answer) => {
        startOverview(props.api, props.host, answer);
        return answer;
      }),
    "once",
  );
  const { host } = props;

  if (me.data) return <AppShell {...props} me={me.data} />;
  if (!me.error) return <LoadingSkeleton label="Hämtar dina uppgifter …" />;
  const consent =
    host.kind === "teams" && me.error.problem.code === "consent-required"
      ? async () => {
          try {
            await host.consent();
          } finally {
            me.reload();
          }
        }
      : undefined;
  return (
    <main className={styles.main}>
      <ErrorMessage
        error={me.error}
        onRetry={consent ? undefined : me.reload}
        action={consent ? <Button onClick={consent}>Ge medgivande</Button> : undefined}
      />
      {props.onSignOut ? <Button onClick={props.onSignOut}>Logga ut</Button> : null}
    </main>
  );
}
