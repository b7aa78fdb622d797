import {
  Button,
  Field,
  Menu,
  MenuButton,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  mergeClasses,
  Select,
  Text,
  Title3,
  Toast,
  Toaster,
  ToastTitle,
  useId,
  useToastController,
} from "@fluentui/react-components";
import { lazy, type ReactNode, Suspense, useCallback } from "react";
import type { Api } from "../api.ts";
import { AppContext } from "../app-context.ts";
import { LoadingSkeleton } from "../components/Feedback.tsx";
import { LeaveDialog } from "../components/LeaveDialog.tsx";
import type { Host, ThemeName } from "../host.ts";
import { menuScreen, parseRoute, type Route, SCREEN_TITLES } from "../routes.ts";
import { Overview } from "../screens/Overview.tsx";
import type { Me } from "../types.ts";
import { useAppShellStyles } from "./AppShell.styles.ts";
import { useAppShell } from "./useAppShell.ts";

// Översikt comes with the first load; other screens load when first opened.
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
  { screen: "kommun", klkOnly: true },
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
    case "kommun":
      return <KommunOverview />;
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
  const toasterId = useId("toaster");
  const { dispatchToast } = useToastController(toasterId);
  const notify = useCallback(
    (message: string) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{message}</ToastTitle>
        </Toast>,
        { intent: "success", timeout: 5000 },
      ),
    [dispatchToast],
  );
  const shell = useAppShell({ api, host, me, notify });
  const { route, context, leave } = shell;
  const current = menuScreen(route);
  const items = MENU.filter(
    (item) => (!item.klkOnly || me.roles.klk) && (!item.localOnly || me.mode === "local"),
  );

  const screen = shell.committeeLoading ? (
    <LoadingSkeleton label="Hämtar teamets nämnd …" />
  ) : (
    <Suspense fallback={<LoadingSkeleton />}>{screenFor(route)}</Suspense>
  );

  const common = (
    <>
      {leave.open ? <LeaveDialog onStay={leave.stay} onLeave={leave.leave} /> : null}
      <Toaster toasterId={toasterId} position="top-end" />
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
            <Menu
              checkedValues={{ skarm: [current] }}
              onCheckedValueChange={(_event, data) => {
                const chosen = data.checkedItems[0];
                if (chosen) context.navigate(parseRoute(chosen));
              }}
            >
              <MenuTrigger disableButtonEnhancement>
                <MenuButton>Meny: {SCREEN_TITLES[current]}</MenuButton>
              </MenuTrigger>
              <MenuPopover>
                <MenuList>
                  {items.map((item) => (
                    <MenuItemRadio key={item.screen} name="skarm" value={item.screen}>
                      {SCREEN_TITLES[item.screen]}
                    </MenuItemRadio>
                  ))}
                </MenuList>
              </MenuPopover>
            </Menu>
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
