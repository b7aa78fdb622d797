import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStaticStyles,
  makeStyles,
  type Theme,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from "@fluentui/react-components";
import {
  lazy,
  type ReactElement,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useState,
} from "react";
import { App } from "./App.tsx";
import { createApi, TEAMS_REJECTED } from "./api.ts";
import { LoadingSkeleton } from "./components/Feedback.tsx";
import { type HostStart, initialHostStart, startHost, type ThemeName } from "./host.ts";
import { clearToken, storedToken } from "./session.ts";
import { readStored, writeStored } from "./storage.ts";

// Only the local mode's sign-in page needs it: not part of the tab's first view.
const LocalSignIn = lazy(() =>
  import("./LocalSignIn.tsx").then((module) => ({ default: module.LocalSignIn })),
);

const THEMES: Record<ThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};
const THEME_KEY = "avtalsuppfoljning.theme";

// The page itself carries no margin or colour of its own: the theme's background reaches every edge.
const useGlobalStyles = makeStaticStyles({
  html: { margin: 0, padding: 0 },
  body: { margin: 0, padding: 0 },
});

const useStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  problem: { padding: tokens.spacingHorizontalXL, maxWidth: "720px" },
});

function initialBrowserTheme(): ThemeName {
  const fromUrl = new URLSearchParams(window.location.search).get("theme");
  const chosen = fromUrl ?? readStored("local", THEME_KEY) ?? "";
  if (chosen === "dark" || chosen === "contrast" || chosen === "default") return chosen;
  if (window.matchMedia?.("(forced-colors: active)").matches) return "contrast";
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "default";
}

export function Root() {
  useGlobalStyles();
  const styles = useStyles();
  const [start, setStart] = useState<HostStart>(initialHostStart);
  const [theme, setTheme] = useState<ThemeName>(initialBrowserTheme);
  const [token, setToken] = useState<string | undefined>(storedToken);

  useEffect(() => {
    startHost((next) => {
      setStart(next);
      if (next.state === "ready" && next.host.kind === "teams") {
        setTheme(next.host.theme);
        next.host.onThemeChange(setTheme);
      }
    });
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.backgroundColor = THEMES[theme].colorNeutralBackground2;
  }, [theme]);

  const signOut = useCallback(() => {
    clearToken();
    setToken(undefined);
  }, []);

  const host = start.state === "ready" ? start.host : undefined;
  const api = useMemo(() => {
    if (!host) return undefined;
    if (host.kind === "teams")
      return createApi({
        token: () => host.getToken(),
        rejected: () => {
          host.forgetToken();
          return true;
        },
        rejectedProblem: TEAMS_REJECTED,
      });
    if (!token) return undefined;
    return createApi({
      token: async () => token,
      rejected: () => {
        signOut();
        return false;
      },
    });
  }, [host, token, signOut]);

  const chooseTheme = (next: ThemeName) => {
    writeStored("local", THEME_KEY, next);
    setTheme(next);
  };

  let content: ReactElement;
  if (start.state === "failed")
    content = (
      <main className={styles.problem}>
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{start.problem.title}</MessageBarTitle>
            {start.problem.detail}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={start.retry}>Försök igen</Button>
          </MessageBarActions>
        </MessageBar>
      </main>
    );
  else if (!host)
    content = (
      <LoadingSkeleton
        label={start.state === "slow" ? "Väntar på Teams …" : "Startar Avtalsuppföljning …"}
        visible={start.state === "slow"}
      />
    );
  else if (!api)
    content = (
      <Suspense fallback={<LoadingSkeleton />}>
        <LocalSignIn onSignedIn={setToken} />
      </Suspense>
    );
  else
    content = (
      <App
        api={api}
        host={host}
        theme={theme}
        onThemeChange={host.kind === "browser" ? chooseTheme : undefined}
        onSignOut={host.kind === "browser" ? signOut : undefined}
      />
    );

  return (
    <FluentProvider theme={THEMES[theme]} className={styles.provider}>
      {content}
    </FluentProvider>
  );
}
