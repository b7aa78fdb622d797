import {
  Button,
  Field,
  makeStyles,
  mergeClasses,
  Select,
  Text,
  Title3,
  tokens,
} from "@fluentui/react-components";
import {
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { Api } from "./api.ts";
import { AppContext, type AppContextValue } from "./app-context.ts";
import { ErrorMessage, LoadingSkeleton } from "./components/Feedback.tsx";
import { useLoad } from "./hooks/use-load.ts";
import type { Host, ThemeName } from "./host.ts";
import { parseRoute, type Route, routePath, SCREEN_TITLES } from "./routes.ts";
import { Overview } from "./screens/Overview.tsx";

// Översikt comes with the first load; other screens load when first opened.
const ContractDetail = lazy(() =>
  import("./screens/ContractDetail.tsx").then((module) => ({ default: module.ContractDetail })),
);
const ContractRegister = lazy(() =>
  import("./screens/ContractRegister.tsx").then((module) => ({ default: module.ContractRegister })),
);
const KommunOverview = lazy(() =>
  import("./screens/KommunOverview.tsx").then((module) => ({ default: module.KommunOverview })),
);
const PlanScreen = lazy(() =>
  import("./screens/PlanScreen.tsx").then((module) => ({ default: module.PlanScreen })),
);
const RecordScreen = lazy(() =>
  import("./screens/RecordScreen.tsx").then((module) => ({ default: module.RecordScreen })),
);
const ChannelScreen = lazy(() =>
  import("./screens/ChannelScreen.tsx").then((module) => ({ default: module.ChannelScreen })),
);
const ConfigureScreen = lazy(() =>
  import("./screens/ConfigureScreen.tsx").then((module) => ({ default: module.ConfigureScreen })),
);
const Reports = lazy(() =>
  import("./screens/Reports.tsx").then((module) => ({ default: module.Reports })),
);

import type { Me } from "./types.ts";

const useStyles = makeStyles({
  shell: { display: "grid", gridTemplateRows: "auto auto 1fr", minHeight: "100vh" },
  skip: {
    position: "absolute",
    left: "-10000px",
    ":focus": {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalM,
      zIndex: 10,
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
    },
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { display: "grid", marginRight: "auto" },
  nav: {
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `0 ${tokens.spacingHorizontalM}`,
    overflowX: "auto",
  },
  navList: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
    listStyle: "none",
    margin: 0,
    padding: 0,
  },
  navLink: {
    display: "block",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    textDecoration: "none",
    whiteSpace: "nowrap",
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ":hover": {
      color: tokens.colorNeutralForeground1,
      borderBottomColor: tokens.colorNeutralStroke1,
    },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-2px",
    },
  },
  navLinkCurrent: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
  },
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    outline: "none",
    maxWidth: "1400px",
    width: "100%",
    boxSizing: "border-box",
  },
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

const COMMITTEE_KEY = "avtalsuppfoljning.committee";

interface AppProps {
  api: Api;
  host: Host;
  theme: ThemeName;
  onThemeChange: ((theme: ThemeName) => void) | undefined;
  onSignOut: (() => void) | undefined;
}

const NAV: Array<{ screen: Route["screen"]; klkOnly?: boolean; localOnly?: boolean }> = [
  { screen: "oversikt" },
  { screen: "avtal" },
  { screen: "plan" },
  { screen: "uppstartsmoten" },
  { screen: "avvikelser" },
  { screen: "uppfoljning" },
  { screen: "brister" },
  { screen: "rapporter" },
  { screen: "kommun", klkOnly: true },
  { screen: "kanal", localOnly: true },
];

function initialRoute(host: Host): Route {
  if (host.kind === "teams" && host.subPageId) return parseRoute(host.subPageId);
  return parseRoute(window.location.hash);
}

export function App({ api, host, theme, onThemeChange, onSignOut }: AppProps) {
  const styles = useStyles();
  const me = useLoad(() => api.get<Me>("/api/me"), "once");
  const [route, setRoute] = useState<Route>(() => initialRoute(host));
  const [committeeId, setCommitteeId] = useState<string>();
  const [announcement, setAnnouncement] = useState("");
  const dirty = useRef(false);
  const mainRef = useRef<HTMLElement>(null);

  // Which nämnd: the Teams team's, then the last chosen, then the first one the person belongs to.
  useEffect(() => {
    if (!me.data || committeeId) return;
    const committees = me.data.committees;
    const fromTeam =
      host.kind === "teams"
        ? committees.find(
            (committee) => committee.groupId && committee.groupId === host.teamGroupId,
          )
        : undefined;
    // A channel tab's address names its nämnd (?namnd=…, set on the configuration page).
    const fromAddress = committees.find(
      (committee) => committee.id === new URLSearchParams(window.location.search).get("namnd"),
    );
    const remembered = committees.find(
      (committee) => committee.id === sessionStorage.getItem(COMMITTEE_KEY),
    );
    const own = committees.find((committee) => committee.canWrite);
    setCommitteeId((fromAddress ?? fromTeam ?? remembered ?? own ?? committees[0])?.id);
  }, [me.data, committeeId, host]);

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onHash);
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("hashchange", onHash);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, []);

  useEffect(() => {
    document.title = `${SCREEN_TITLES[route.screen]} – Avtalsuppföljning`;
  }, [route]);

  const confirmLeave = useCallback(() => {
    if (!dirty.current) return true;
    const leave = window.confirm(
      "Du har ändringar som inte är sparade. Vill du lämna sidan utan att spara?",
    );
    if (leave) dirty.current = false;
    return leave;
  }, []);

  const navigate = useCallback(
    (next: Route) => {
      if (!confirmLeave()) return;
      const path = `#/${routePath(next)}`;
      if (window.location.hash !== path) window.history.pushState(null, "", path);
      setRoute(next);
      // Move focus to the new screen's content for keyboard and screen-reader users.
      requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>("h1")?.focus());
    },
    [confirmLeave],
  );

  const committee = me.data?.committees.find((candidate) => candidate.id === committeeId);
  const context = useMemo<AppContextValue | undefined>(
    () =>
      me.data
        ? {
            api,
            host,
            me: me.data,
            committee,
            navigate,
            setDirty: (value) => {
              dirty.current = value;
            },
            announce: setAnnouncement,
          }
        : undefined,
    [api, host, me.data, committee, navigate],
  );

  if (me.loading && !me.data) return <LoadingSkeleton label="Hämtar dina uppgifter …" />;
  if (me.error || !context || !me.data) {
    return (
      <main className={styles.main}>
        {me.error ? <ErrorMessage error={me.error} onRetry={me.reload} /> : null}
        {onSignOut ? <Button onClick={onSignOut}>Logga ut</Button> : null}
      </main>
    );
  }

  const klk = me.data.roles.klk;
  let screen: ReactNode;
  switch (route.screen) {
    case "oversikt":
      screen = <Overview />;
      break;
    case "avtal":
      screen = <ContractRegister />;
      break;
    case "avtal-detalj":
      screen = <ContractDetail key={route.id} id={route.id} />;
      break;
    case "avtal-nytt":
      screen = <ContractDetail key="nytt" />;
      break;
    case "plan":
      screen = <PlanScreen />;
      break;
    case "uppstartsmoten":
      screen = <RecordScreen kind="kickoffs" />;
      break;
    case "avvikelser":
      screen = <RecordScreen kind="deviations" />;
      break;
    case "uppfoljning":
      screen = <RecordScreen kind="follow-ups" openId={route.id} />;
      break;
    case "brister":
      screen = <RecordScreen kind="deficiencies" openId={route.id} />;
      break;
    case "rapporter":
      screen = <Reports />;
      break;
    case "kommun":
      screen = <KommunOverview />;
      break;
    case "kanal":
      screen = <ChannelScreen />;
      break;
    case "konfigurera":
      screen = <ConfigureScreen />;
      break;
  }
  const selectedTab =
    route.screen === "avtal-detalj" || route.screen === "avtal-nytt" ? "avtal" : route.screen;

  return (
    <AppContext.Provider value={context}>
      <div className={styles.shell}>
        <button type="button" className={styles.skip} onClick={() => mainRef.current?.focus()}>
          Hoppa till innehållet
        </button>
        <header className={styles.header}>
          <div className={styles.brand}>
            <Title3 as="p">Avtalsuppföljning</Title3>
            <Text size={200}>{me.data.municipality}</Text>
          </div>
          {me.data.committees.length > 1 ? (
            <Field label="Nämnd">
              <Select
                value={committeeId ?? ""}
                onChange={(_event, data) => {
                  if (!confirmLeave()) return;
                  sessionStorage.setItem(COMMITTEE_KEY, data.value);
                  setCommitteeId(data.value);
                }}
              >
                {me.data.committees.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          {onThemeChange ? (
            <Field label="Tema">
              <Select
                value={theme}
                onChange={(_event, data) => onThemeChange(data.value as ThemeName)}
              >
                <option value="default">Ljust</option>
                <option value="dark">Mörkt</option>
                <option value="contrast">Hög kontrast</option>
              </Select>
            </Field>
          ) : null}
          <Text aria-label={`Inloggad som ${me.data.user.name}`}>{me.data.user.name}</Text>
          {onSignOut ? (
            <Button onClick={() => confirmLeave() && onSignOut()}>Logga ut</Button>
          ) : null}
        </header>
        <nav className={styles.nav} aria-label="Huvudmeny">
          <ul className={styles.navList}>
            {NAV.filter(
              (item) => (!item.klkOnly || klk) && (!item.localOnly || me.data?.mode === "local"),
            ).map((item) => (
              <li key={item.screen}>
                <a
                  href={`#/${item.screen}`}
                  className={mergeClasses(
                    styles.navLink,
                    selectedTab === item.screen && styles.navLinkCurrent,
                  )}
                  aria-current={selectedTab === item.screen ? "page" : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(parseRoute(item.screen));
                  }}
                >
                  {SCREEN_TITLES[item.screen]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1} className={styles.main}>
          <Suspense fallback={<LoadingSkeleton />}>{screen}</Suspense>
        </main>
        <div aria-live="polite" className={styles.visuallyHidden}>
          {announcement}
        </div>
      </div>
    </AppContext.Provider>
  );
}
