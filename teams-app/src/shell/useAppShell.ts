import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Api } from "../api.ts";
import type { AppContextValue } from "../app-context.ts";
import { COMMITTEE_KEY, chooseCommittee } from "../committee-choice.ts";
import { useLoad } from "../hooks/use-load.ts";
import type { Host } from "../host.ts";
import { parseRoute, type Route, routePath, SCREEN_TITLES } from "../routes.ts";
import { readStored, writeStored } from "../storage.ts";
import type { CommitteeSummary, Items, Me } from "../types.ts";

/**
 * Where the tab opens: the configuration page, a deep link, the address.
 * Kommunledningskontoret lands on Kommunövergripande, except in a nämnd's
 * channel tab, which opens on that nämnd.
 */
function startRoute(host: Host, me: Me): Route {
  if (host.kind === "teams" && host.frameContext === "settings") return { screen: "konfigurera" };
  if (host.kind === "teams" && host.subPageId) return parseRoute(host.subPageId);
  const hash = window.location.hash;
  const landing = hash === "" || hash === "#" || hash === "#/" || hash === "#/oversikt";
  const channelTab = host.kind === "teams" && host.teamGroupId !== undefined;
  if (landing && me.roles.klk && !channelTab) return { screen: "kommun" };
  return parseRoute(hash);
}

const samePlace = (a: Route, b: Route) => routePath(a) === routePath(b);

export function useAppShell({
  api,
  host,
  me,
  notify,
}: {
  api: Api;
  host: Host;
  me: Me;
  notify: (message: string) => void;
}) {
  const [route, setRoute] = useState<Route>(() => startRoute(host, me));
  const routeRef = useRef(route);
  const dirty = useRef<{ discard: (() => void) | undefined } | undefined>(undefined);
  const [pendingLeave, setPendingLeave] = useState<{ leave: () => void } | undefined>();
  const [announcement, setAnnouncement] = useState("");
  const mainRef = useRef<HTMLElement>(null);
  const [picked, setPicked] = useState<string>();

  // A team whose group is no readable nämnd: is it a nämnd the person may not read?
  const teamGroupId = host.kind === "teams" ? host.teamGroupId : undefined;
  const teamIsUnknown =
    teamGroupId !== undefined &&
    !me.committees.some((committee) => committee.groupId === teamGroupId);
  const allCommittees = useLoad(
    () =>
      teamIsUnknown
        ? api
            .get<Items<CommitteeSummary>>(
              `/api/committees?groupId=${encodeURIComponent(teamGroupId)}`,
            )
            .then((result) => result.items)
        : Promise.resolve([]),
    `${teamIsUnknown}`,
  );
  const teamCommittee = allCommittees.data?.find(
    (committee) => committee.groupId && committee.groupId === teamGroupId,
  );
  const choice = chooseCommittee({
    me,
    teamGroupId,
    teamCommittee,
    fromAddress: new URLSearchParams(window.location.search).get("namnd") ?? undefined,
    remembered: readStored("session", COMMITTEE_KEY),
  });
  const committeeId = picked ?? choice.committeeId;
  const committee = me.committees.find((candidate) => candidate.id === committeeId);
  const committeeLoading = teamIsUnknown && allCommittees.loading;
  const committeeProblem =
    !picked && "unreadableTeam" in choice && teamCommittee
      ? `Du har inte behörighet att läsa ${teamCommittee.name}, som det här teamet hör till. Be nämndens sekreterare om behörighet${me.committees.length > 0 ? ", eller välj en av dina nämnder i listan Nämnd" : ""}.`
      : undefined;

  const go = useCallback((next: Route, focus = true) => {
    routeRef.current = next;
    setRoute(next);
    // Focus the new screen's heading for keyboard and screen-reader users.
    if (focus)
      requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>("h1")?.focus());
  }, []);

  const guard = useCallback((leave: () => void) => {
    if (!dirty.current) leave();
    else setPendingLeave({ leave });
  }, []);

  const navigate = useCallback(
    (next: Route) =>
      guard(() => {
        const path = `#/${routePath(next)}`;
        if (window.location.hash !== path) window.history.pushState(null, "", path);
        go(next);
      }),
    [guard, go],
  );

  const replaceRoute = useCallback(
    (next: Route) => {
      window.history.replaceState(null, "", `#/${routePath(next)}`);
      go(next, false);
    },
    [go],
  );

  // The address shows where the person is, also after a deep link.
  useEffect(() => {
    window.history.replaceState(
      null,
      "",
      `${window.location.pathname}${window.location.search}#/${routePath(routeRef.current)}`,
    );
  }, []);

  // Back, Forward and links within the page: the same question as the menu when there are unsaved changes.
  useEffect(() => {
    const onAddress = () => {
      const next = parseRoute(window.location.hash);
      const current = routeRef.current;
      if (samePlace(next, current)) return;
      if (!dirty.current) {
        go(next);
        return;
      }
      window.history.pushState(null, "", `#/${routePath(current)}`);
      setPendingLeave({
        leave: () => {
          window.history.pushState(null, "", `#/${routePath(next)}`);
          go(next);
        },
      });
    };
    window.addEventListener("popstate", onAddress);
    window.addEventListener("hashchange", onAddress);
    // A plain browser may still ask before a reload; Teams' frame may not, so drafts are kept instead.
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty.current && host.kind === "browser") event.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("popstate", onAddress);
      window.removeEventListener("hashchange", onAddress);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [go, host.kind]);

  useEffect(() => {
    document.title = `${SCREEN_TITLES[route.screen]} – Avtalsuppföljning`;
  }, [route]);

  const openCommittee = useCallback(
    (id: string, next: Route) =>
      guard(() => {
        writeStored("session", COMMITTEE_KEY, id);
        setPicked(id);
        const path = `#/${routePath(next)}`;
        if (window.location.hash !== path) window.history.pushState(null, "", path);
        go(next);
      }),
    [guard, go],
  );

  const chooseCommitteeId = useCallback(
    (id: string) =>
      guard(() => {
        writeStored("session", COMMITTEE_KEY, id);
        setPicked(id);
      }),
    [guard],
  );

  const leave = {
    open: pendingLeave !== undefined,
    stay: () => setPendingLeave(undefined),
    leave: () => {
      dirty.current?.discard?.();
      dirty.current = undefined;
      const action = pendingLeave?.leave;
      setPendingLeave(undefined);
      action?.();
    },
  };

  const context = useMemo<AppContextValue>(
    () => ({
      api,
      host,
      me,
      committee,
      committeeProblem,
      navigate,
      openCommittee,
      replaceRoute,
      guard,
      setDirty: (value, discard) => {
        dirty.current = value ? { discard } : undefined;
      },
      announce: setAnnouncement,
      notify: (message) => {
        setAnnouncement(message);
        notify(message);
      },
    }),
    [
      api,
      host,
      me,
      committee,
      committeeProblem,
      navigate,
      openCommittee,
      replaceRoute,
      guard,
      notify,
    ],
  );

  return {
    route,
    context,
    committeeId,
    committeeLoading,
    chooseCommitteeId,
    leave,
    announcement,
    mainRef,
  };
}
