import {
  FluentProvider,
  makeStyles,
  type Theme,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from "@fluentui/react-components";
import { type ReactElement, useCallback, useEffect, useMemo, useState } from "react";
import { App } from "./App.tsx";
import { createApi } from "./api.ts";
import { LoadingSkeleton } from "./components/Feedback.tsx";
import { detectHost, type Host, type ThemeName } from "./host.ts";
import { LocalSignIn } from "./LocalSignIn.tsx";
import { clearToken, storedToken } from "./session.ts";

const THEMES: Record<ThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};
const THEME_KEY = "avtalsuppfoljning.theme";

const useStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
});

function initialBrowserTheme(): ThemeName {
  const fromUrl = new URLSearchParams(window.location.search).get("theme");
  const chosen = fromUrl ?? localStorage.getItem(THEME_KEY) ?? "";
  if (chosen === "dark" || chosen === "contrast" || chosen === "default") return chosen;
  if (window.matchMedia?.("(forced-colors: active)").matches) return "contrast";
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "default";
}

export function Root() {
  const styles = useStyles();
  const [host, setHost] = useState<Host>();
  const [theme, setTheme] = useState<ThemeName>(initialBrowserTheme);
  const [token, setToken] = useState<string | undefined>(storedToken);

  useEffect(() => {
    detectHost().then((detected) => {
      setHost(detected);
      if (detected.kind === "teams") {
        setTheme(detected.theme);
        detected.onThemeChange(setTheme);
      }
    });
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const signOut = useCallback(() => {
    clearToken();
    setToken(undefined);
  }, []);

  const api = useMemo(() => {
    if (!host) return undefined;
    if (host.kind === "teams")
      return createApi(
        () => host.getToken(),
        () => undefined,
      );
    if (!token) return undefined;
    return createApi(async () => token, signOut);
  }, [host, token, signOut]);

  const chooseTheme = (next: ThemeName) => {
    localStorage.setItem(THEME_KEY, next);
    setTheme(next);
  };

  let content: ReactElement;
  if (!host) content = <LoadingSkeleton label="Startar Avtalsuppföljning …" />;
  else if (!api) content = <LocalSignIn onSignedIn={setToken} />;
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
