import {
  Button,
  Field,
  mergeClasses,
  Select,
  Spinner,
  Text,
  Title3,
} from "@fluentui/react-components";
import { lazy, type ReactNode, Suspense, useCallback, useRef } from "react";
import type { Api } from "../api.ts";
import { AppContext } from "../app-context.ts";
import { LoadingSkeleton } from "../components/Feedback.tsx";
import type { Host, ThemeName } from "../host.ts";
import { menuScreen, parseRoute, type Route, SCREEN_TITLES } from "../routes.ts";
import type { Me } from "../types.ts";
import { useAppShellStyles } from "./AppShell.styles.ts";
import { preloadable } from "./preloadable.tsx";
import { useAppShell } from "./useAppShell.ts";

// Översikt comes with the first load; other screens load when first opened.
// Every screen is its own chunk, Översikt too: the first view parses the
// shell and the screen it shows, nothing else. Översikt's chunk and the
// shell's own (menu, toasts) are asked for as soon as the tab starts
// (preloadOverview), beside /api/me, not one after the other, and render at
// once when they are there (preloadable).
const overview = preloadable(() =>
  import("../screens/Overview.tsx").then((module) => module.Overview),
);
const notifications = preloadable(() =>
  import("./Notifications.tsx").then((module) => module.Notifications),
);
const screenMenu = preloadable(() =>
  import("./ScreenMenu.tsx").then((module) => module.ScreenMenu),
);
export function preloadOverview(): void {
  for (const { preload } of [overview, notifications, screenMenu])
    void preload().catch(() => undefined);
}
const Overview = overview.Component;
const Notifications = notifications.Component;
const ScreenMenu = screenMenu.Component;
const LeaveDialog = lazy(() =>
  import("../components/LeaveDialog.tsx").then((module) => ({ default: module.LeaveDialog })),
);
const ContractDetail = lazy(() =>
  import("../screens/contract-detail/ContractDetail.tsx").then((module) => ({
    default: module.ContractDetail,
  })),
);
const ContractRegister = lazy(() =>
  import("../screens/contract-register/ContractRegister.tsx").then((module) => ({
    default: module.ContractRegister,
  })),
);
const KommunOverview = lazy(() =>
  import("../screens/kommun-overview/KommunOverview.tsx").then((module) => ({
    default: module.KommunOverview,
  })),
);
const PlanScreen = lazy(() =>
  import("../screens/PlanScreen.tsx").then((module) => ({ default: module.PlanScreen })),
);
const RecordScreen = lazy(() =>
  import("../screens/record-screen/RecordScreen.tsx").then((module) => ({
    default: module.RecordScreen,
  })),
);
const ChannelScreen = lazy(() =>
  import("../screens/ChannelScreen.tsx").then((module) => ({ default: module.ChannelScreen })),
);
const ConfigureScreen = lazy(() =>
  import("../screens/ConfigureScreen.tsx").then((module) => ({ default: module.ConfigureScreen })),
);
const ImportScreen = lazy(() =>
  import("../screens/import/ImportScreen.tsx").then((module) => ({
    default: module.ImportScreen,
  })),
);
const ProviderList = lazy(() =>
  import("../screens/providers/ProviderList.tsx").then((module) => ({
    default: module.ProviderList,
  })),
);
const ProviderScreen = lazy(() =>
  import("../screens/providers/ProviderScreen.tsx").then((module) => ({
    default: module.ProviderScreen,
  })),
);
const RiskSettings = lazy(() =>
  import("../screens/risk-settings/RiskSettings.tsx").then((module) => ({
    default: module.RiskSettings,
  })),
);
const Reports = lazy(() =>
  import("../screens/reports/Reports.tsx").then((module) => ({ default: module.Reports })),
);

const MENU: Array<{ screen: Route["screen"]; klkOnly?: boolean; localOnly?: boolean }> = [
  { screen: "oversikt" },
  { screen: "avtal" },
  { screen: "plan" },
  { screen: "uppstartsmoten" },
  { screen: "avvikelser" },
  { screen: "uppfoljning" },
  { screen: "brister" },
  { screen: "rapporter" },
  { screen: "leverantorer" },
  { screen: "kommun", klkOnly: true },
  { screen: "installningar", klkOnly: true },
  { screen: "kanal", localOnly: true },
];

const THEME_OPTIONS: Array<{ value: ThemeName; label: string }> = [
  { value: "default", label: "Ljust" },
  { value: "dark", label: "Mörkt" },
  { value: "contrast", label: "Hög kontrast" },
];

function screenFor(route: Route): ReactNode {
  switch (route.screen) {
    case "oversikt":
      return <Overview />;
    case "avtal":
      return <ContractRegister route={route} />;
    case "avtal-detalj":
      return <ContractDetail key={route.id} id={route.id} />;
    case "avtal-nytt":
      return <ContractDetail key="nytt" />;
    case "importera":
      return <ImportScreen />;
    case "plan":
      return <PlanScreen />;
    case "uppstartsmoten":
    case "avvikelser":
    case "uppfoljning":
    case "brister":
      return <RecordScreen key={route.screen} route={route} />;
    case "rapporter":
      return <Reports />;
    case "leverantorer":
      return <ProviderList />;
    case "leverantor":
      return <ProviderScreen key={route.id} providerKey={route.id} />;
    case "kommun":
      return <KommunOverview />;
    case "installningar":
      return <RiskSettings />;
    case "kanal":
      return <ChannelScreen />;
    case "konfigurera":
      return <ConfigureScreen />;
  }
}

export interface AppShellProps {
  api: Api;
  host: Host;
  me: Me;
  theme: ThemeName;
  onThemeChange: ((theme: ThemeName) => void) | undefined;
  onSignOut: (() => void) | undefined;
}

export function AppShell({ api, host, me, theme, onThemeChange, onSignOut }: AppShellProps) {
  const styles = useAppShellStyles();
  // Toasts come from a chunk loaded after the first view; a message before it is kept until then.
  const toast = useRef<{ show?: (message: string) => void; waiting: string[] }>({ waiting: [] });
  const notify = useCallback((message: string) => {
    if (toast.current.show) toast.current.show(message);
    else toast.current.waiting.push(message);
  }, []);
  const toastsReady = useCallback((show: ((message: string) => void) | undefined) => {
    toast.current.show = show;
    if (show) for (const message of toast.current.waiting.splice(0)) show(message);
  }, []);
  const shell = useAppShell({ api, host, me, notify });
  const { route, context, leave } = shell;
  const current = menuScreen(route);
  const items = MENU.filter(
    (item) => (!item.klkOnly || me.roles.klk) && (!item.localOnly || me.mode === "local"),
  );

  const screen = shell.committeeLoading ? (
    <LoadingSkeleton label="Hämtar teamets nämnd …" />
  ) : (
    <Suspense fallback={<Spinner className={styles.spinner} label="Hämtar sidan …" />}>
      {screenFor(route)}
    </Suspense>
  );

  const common = (
    <>
      {leave.open ? (
        <Suspense fallback={null}>
          <LeaveDialog onStay={leave.stay} onLeave={leave.leave} />
        </Suspense>
      ) : null}
      <Suspense fallback={null}>
        <Notifications onReady={toastsReady} />
      </Suspense>
      <div aria-live="polite" className={styles.visuallyHidden}>
        {shell.announcement}
      </div>
    </>
  );

  // The channel tab's configuration page: Teams shows it in its own dialog, without the app around it.
  if (route.screen === "konfigurera") {
    return (
      <AppContext.Provider value={context}>
        <main id="main" ref={shell.mainRef} tabIndex={-1} className={styles.bare}>
          {screen}
        </main>
        {common}
      </AppContext.Provider>
    );
  }

  return (
    <AppContext.Provider value={context}>
      <div className={styles.shell}>
        <button
          type="button"
          className={styles.skip}
          onClick={() => shell.mainRef.current?.focus()}
        >
          Hoppa till innehållet
        </button>
        <header className={styles.header}>
          <div className={styles.brand}>
            <Title3 as="p">Avtalsuppföljning</Title3>
            <Text size={200}>{me.municipality}</Text>
          </div>
          {me.committees.length > 1 ? (
            <Field label="Nämnd" className={styles.picker}>
              <Select
                className={styles.pickerControl}
                value={shell.committeeId ?? ""}
                onChange={(_event, data) => shell.chooseCommitteeId(data.value)}
              >
                {shell.committeeId ? null : <option value="">Välj nämnd</option>}
                {me.committees.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          {onThemeChange ? (
            <Field label="Tema" className={styles.picker}>
              <Select
                className={styles.pickerControl}
                value={theme}
                onChange={(_event, data) =>
                  onThemeChange(
                    THEME_OPTIONS.find((option) => option.value === data.value)?.value ?? "default",
                  )
                }
              >
                {THEME_OPTIONS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <Text aria-label={`Inloggad som ${me.user.name}`}>{me.user.name}</Text>
          {onSignOut ? <Button onClick={() => context.guard(onSignOut)}>Logga ut</Button> : null}
        </header>
        <nav className={styles.nav} aria-label="Huvudmeny">
          <ul className={styles.navList}>
            {items.map((item) => (
              <li key={item.screen}>
                <a
                  href={`#/${item.screen}`}
                  className={mergeClasses(
                    styles.navLink,
                    current === item.screen && styles.navLinkCurrent,
                  )}
                  aria-current={current === item.screen ? "page" : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    context.navigate(parseRoute(item.screen));
                  }}
                >
                  {SCREEN_TITLES[item.screen]}
                </a>
              </li>
            ))}
          </ul>
          <div className={styles.navMenu}>
            <Suspense fallback={<Button disabledFocusable>Meny: {SCREEN_TITLES[current]}</Button>}>
              <ScreenMenu
                screens={items.map((item) => item.screen)}
                current={current}
                onChoose={(chosen) => context.navigate(parseRoute(chosen))}
              />
            </Suspense>
          </div>
        </nav>
        <main id="main" ref={shell.mainRef} tabIndex={-1} className={styles.main}>
          {screen}
        </main>
      </div>
      {common}
    </AppContext.Provider>
  );
}
