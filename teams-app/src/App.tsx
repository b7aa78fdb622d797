import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Api } from "./api.ts";
import { ErrorMessage, LoadingSkeleton } from "./components/Feedback.tsx";
import { useLoad } from "./hooks/use-load.ts";
import type { Host, ThemeName } from "./host.ts";
import { AppShell } from "./shell/AppShell.tsx";
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

/** The signed-in app: who the person is first, then the shell with its screens. */
export function App(props: AppProps) {
  const styles = useStyles();
  const me = useLoad(() => props.api.get<Me>("/api/me"), "once");
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
