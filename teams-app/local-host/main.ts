/**
 * The local Teams host (local mode only): frames the tab the way Teams does
 * — another origin, a sandbox without modals — and answers the teams-js host
 * protocol for what the tab uses. Settings live in the page's address, so a
 * link (or a browser test) opens exactly one situation:
 * ?person=<e-post>&team=<nämndkod|none>&view=channel|personal|config&theme=default|dark|contrast
 * &width=320|360|400&sub=<djuplänk>&init=normal|slow|never&sso=ok|consent|fail|never
 */

import {
  asHostRequest,
  asSavedTabConfig,
  authTokenAnswer,
  FIRE_AND_FORGET,
  type FrameContext,
  flatContext,
  type HostEvent,
  type HostRequest,
  type HostTeam,
  type HostTheme,
  initializeAnswer,
  NOT_SUPPORTED,
  response,
  type SavedTabConfig,
  type SsoBehaviour,
  type TabSession,
} from "./protocol.ts";

type View = "channel" | "personal" | "config";
type InitBehaviour = "normal" | "slow" | "never";

interface Settings {
  person: string;
  team: string;
  view: View;
  theme: HostTheme;
  width: string;
  sub: string;
  init: InitBehaviour;
  sso: SsoBehaviour;
}

interface Person {
  id: string;
  name: string;
  email: string;
}

interface Committee extends HostTeam {
  id: string;
}

/** How long a slow Teams takes to answer initialize. */
const SLOW_INITIALIZE_MS = 3000;
const LOCAL_TENANT = "00000000-0000-0000-0000-00000000a5b1";
const TAB_ENTITY = "avtalsuppfoljning";

/** The tab runs on the same server under its other loopback name, so it is another origin. */
if (location.hostname !== "127.0.0.1") {
  location.replace(`http://127.0.0.1:${location.port}${location.pathname}${location.search}`);
}
const tabOrigin = `http://localhost:${location.port}`;

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`#${id} missing`);
  return found;
}

const ui = {
  form: element("controls", HTMLFormElement),
  person: element("person", HTMLSelectElement),
  team: element("team", HTMLSelectElement),
  view: element("view", HTMLSelectElement),
  theme: element("theme", HTMLSelectElement),
  width: element("width", HTMLSelectElement),
  sub: element("sub", HTMLInputElement),
  init: element("init", HTMLSelectElement),
  sso: element("sso", HTMLSelectElement),
  reload: element("reload", HTMLButtonElement),
  slot: element("frame-slot", HTMLDivElement),
  status: element("status", HTMLDivElement),
  where: element("where", HTMLParagraphElement),
  tabName: element("tab-name", HTMLParagraphElement),
  log: element("log", HTMLOListElement),
  configBar: element("config-bar", HTMLDivElement),
  saveConfig: element("save-config", HTMLButtonElement),
  configMessage: element("config-message", HTMLParagraphElement),
  consent: element("consent", HTMLDialogElement),
  consentUrl: element("consent-url", HTMLParagraphElement),
  consentAccept: element("consent-accept", HTMLButtonElement),
  consentCancel: element("consent-cancel", HTMLButtonElement),
  settings: element("settings", HTMLDetailsElement),
};

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.find((candidate) => candidate === value) ?? fallback;
}

function readSettings(): Settings {
  const params = new URLSearchParams(location.search);
  return {
    person: params.get("person") ?? "",
    team: params.get("team") ?? "",
    view: oneOf(params.get("view"), ["channel", "personal", "config"], "channel"),
    theme: oneOf(params.get("theme"), ["default", "dark", "contrast"], "default"),
    width: oneOf(params.get("width"), ["", "320", "360", "400"], ""),
    sub: params.get("sub") ?? "",
    init: oneOf(params.get("init"), ["normal", "slow", "never"], "normal"),
    sso: oneOf(params.get("sso"), ["ok", "consent", "fail", "never"], "ok"),
  };
}

function writeSettings(settings: Settings): void {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(settings)) if (value) params.set(key, value);
  history.replaceState(null, "", `${location.pathname}?${params}`);
}

async function getJson<T>(path: string, token?: string): Promise<T> {
  const answer = await fetch(path, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!answer.ok) throw new Error(`${path}: ${answer.status}`);
  return answer.json();
}

const tokens = new Map<string, Promise<string>>();
function tokenFor(person: Person): Promise<string> {
  let token = tokens.get(person.id);
  if (!token) {
    token = fetch("/api/local-auth/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ userId: person.id }),
    })
      .then((answer) => answer.json())
      .then((body: { accessToken: string }) => body.accessToken);
    tokens.set(person.id, token);
  }
  return token;
}

/** Channel tabs saved by the configuration page, per team (Teams keeps them per channel). */
function savedTab(team: HostTeam | undefined): SavedTabConfig | undefined {
  if (!team) return undefined;
  try {
    return asSavedTabConfig(
      JSON.parse(localStorage.getItem(`teams-host.tab.${team.code}`) ?? "null"),
    );
  } catch {
    return undefined;
  }
}

function saveTab(team: HostTeam, config: SavedTabConfig): void {
  try {
    localStorage.setItem(`teams-host.tab.${team.code}`, JSON.stringify(config));
  } catch {
    // The host's own storage is optional; the tab then opens with its default address.
  }
}

function log(text: string, unsupported = false): void {
  const item = document.createElement("li");
  item.textContent = text;
  if (unsupported) item.className = "unsupported";
  ui.log.append(item);
  while (ui.log.children.length > 80) ui.log.firstElementChild?.remove();
}

let people: Person[] = [];
let committees: Committee[] = [];
let settings = readSettings();
let frame: HTMLIFrameElement | undefined;
let session: TabSession | undefined;
let handlers = new Set<string>();
let pendingConfig: SavedTabConfig | undefined;

function post(message: HostEvent | ReturnType<typeof response>): void {
  frame?.contentWindow?.postMessage(message, tabOrigin);
}

function reply(request: HostRequest, args: unknown[]): void {
  log(`← ${request.func}`);
  post(response(request, args));
}

function applyTheme(theme: HostTheme): void {
  document.body.className = `theme-${theme}`;
}

function applyWidth(width: string): void {
  if (width) {
    ui.slot.dataset.width = width;
    ui.slot.style.setProperty("--tab-width", `${width}px`);
    frame?.style.setProperty("max-width", `${width}px`);
  } else {
    delete ui.slot.dataset.width;
    frame?.style.removeProperty("max-width");
  }
}

function currentPerson(): Person {
  return people.find((person) => person.email === settings.person) ?? people[0]!;
}

function currentTeam(): Committee | undefined {
  return committees.find((committee) => committee.code === settings.team);
}

/** (Re)opens the tab in a fresh frame, as Teams does on a reload or a deep link. */
function open(): void {
  const person = currentPerson();
  const team = settings.view === "personal" ? undefined : currentTeam();
  const view: View = team || settings.view === "config" ? settings.view : "personal";
  const saved = view === "channel" ? savedTab(team) : undefined;
  const frameContext: FrameContext = view === "config" ? "settings" : "content";
  session = {
    frameContext,
    theme: settings.theme,
    person,
    team,
    entityId:
      view === "channel" ? (saved?.entityId ?? TAB_ENTITY) : view === "config" ? "" : TAB_ENTITY,
    subEntityId: view === "config" ? undefined : settings.sub || undefined,
    tenantId: LOCAL_TENANT,
    sessionId: crypto.randomUUID(),
  };
  handlers = new Set();
  pendingConfig = undefined;
  const url =
    view === "config"
      ? `${tabOrigin}/#/konfigurera`
      : view === "personal"
        ? `${tabOrigin}/#/oversikt`
        : (saved?.contentUrl ?? `${tabOrigin}/#/oversikt`);
  ui.where.textContent = team ? `${team.name} › Allmänt` : "Appar";
  ui.tabName.textContent =
    view === "config" ? "Lägg till en flik" : (saved?.suggestedDisplayName ?? "Avtalsuppföljning");
  ui.configBar.hidden = view !== "config";
  ui.saveConfig.disabled = true;
  ui.configMessage.textContent = "";
  ui.status.textContent = "";
  log(`Öppnar ${url} (${view}, ${person.name}${team ? `, ${team.name}` : ""})`);

  const next = document.createElement("iframe");
  next.title = "Avtalsuppföljning";
  // As in Teams: scripts, forms, popups and downloads, but no alert/confirm/prompt (no allow-modals).
  next.setAttribute(
    "sandbox",
    "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads",
  );
  next.setAttribute("allow", "clipboard-write");
  next.src = url;
  frame = next;
  ui.slot.replaceChildren(next);
  applyWidth(settings.width);
}

async function answerToken(request: HostRequest): Promise<void> {
  const answer = authTokenAnswer(
    settings.sso,
    settings.sso === "ok" ? await tokenFor(currentPerson()) : undefined,
  );
  if (answer) reply(request, answer);
  else log(`(inget svar på ${request.func})`);
}

function askConsent(request: HostRequest): void {
  ui.consentUrl.textContent = `Adress som fliken bad om: ${String(request.args?.[0] ?? "")}`;
  const finish = (approved: boolean) => {
    ui.consentAccept.onclick = null;
    ui.consentCancel.onclick = null;
    ui.consent.close();
    if (approved) {
      if (settings.sso === "consent") {
        settings = { ...settings, sso: "ok" };
        ui.sso.value = "ok";
        writeSettings(settings);
      }
      reply(request, [true, ""]);
    } else {
      reply(request, [false, "CancelledByUser"]);
    }
  };
  ui.consentAccept.onclick = () => finish(true);
  ui.consentCancel.onclick = () => finish(false);
  ui.consent.showModal();
}

function handle(request: HostRequest): void {
  const current = session;
  if (!current) return;
  log(`→ ${request.func}`);
  switch (request.func) {
    case "initialize":
      if (settings.init === "normal") reply(request, initializeAnswer(current.frameContext));
      else if (settings.init === "slow")
        setTimeout(
          () => reply(request, initializeAnswer(current.frameContext)),
          SLOW_INITIALIZE_MS,
        );
      else log("(värden svarar inte på initialize)");
      return;
    case "getContext":
      reply(request, [flatContext(current)]);
      return;
    case "authentication.getAuthToken":
      void answerToken(request);
      return;
    case "authentication.authenticate":
      askConsent(request);
      return;
    case "registerHandler":
      handlers.add(String(request.args?.[0]));
      return;
    case "settings.setValidityState":
      ui.saveConfig.disabled = request.args?.[0] !== true;
      return;
    case "settings.setSettings": {
      const config = asSavedTabConfig(request.args?.[0]);
      if (!config?.contentUrl.startsWith(`${tabOrigin}/`)) {
        reply(request, [false, "Adressen hör inte till appens domän (validDomains)."]);
        return;
      }
      pendingConfig = config;
      reply(request, [true]);
      return;
    }
    case "settings.save.success": {
      const team = currentTeam();
      if (!pendingConfig || !team) {
        ui.configMessage.textContent = "Fliken sparade inga inställningar.";
        return;
      }
      saveTab(team, pendingConfig);
      const name = pendingConfig.suggestedDisplayName ?? "Avtalsuppföljning";
      settings = { ...settings, view: "channel" };
      ui.view.value = "channel";
      writeSettings(settings);
      open();
      ui.status.textContent = `Fliken ”${name}” har lagts till i kanalen.`;
      return;
    }
    case "settings.save.failure":
      ui.configMessage.textContent = `Fliken kunde inte sparas: ${String(request.args?.[0] ?? "okänt fel")}`;
      return;
    default:
      if (FIRE_AND_FORGET.has(request.func)) return;
      log(`Stöds inte: ${request.func}`, true);
      reply(request, [NOT_SUPPORTED]);
  }
}

window.addEventListener("message", (event) => {
  if (!frame || event.source !== frame.contentWindow || event.origin !== tabOrigin) return;
  const request = asHostRequest(event.data);
  if (request) handle(request);
});

ui.theme.addEventListener("change", () => {
  settings = {
    ...settings,
    theme: oneOf(ui.theme.value, ["default", "dark", "contrast"], "default"),
  };
  writeSettings(settings);
  applyTheme(settings.theme);
  if (session) session = { ...session, theme: settings.theme };
  if (handlers.has("themeChange")) {
    log(`← themeChange (${settings.theme})`);
    post({ func: "themeChange", args: [settings.theme] });
  }
});

ui.width.addEventListener("change", () => {
  settings = { ...settings, width: ui.width.value };
  writeSettings(settings);
  applyWidth(settings.width);
});

ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  settings = {
    person: ui.person.value,
    team: ui.team.value,
    view: oneOf(ui.view.value, ["channel", "personal", "config"], "channel"),
    theme: oneOf(ui.theme.value, ["default", "dark", "contrast"], "default"),
    width: ui.width.value,
    sub: ui.sub.value.trim(),
    init: oneOf(ui.init.value, ["normal", "slow", "never"], "normal"),
    sso: oneOf(ui.sso.value, ["ok", "consent", "fail", "never"], "ok"),
  };
  writeSettings(settings);
  applyTheme(settings.theme);
  open();
});

/**
 * Teams' "reload": the same frame loads the tab again (the frame, and what
 * the tab kept in it, stays; the tab starts from the beginning).
 */
ui.reload.addEventListener("click", () => {
  if (!frame) return;
  const current = frame;
  const url = current.src;
  current.addEventListener("load", () => current.setAttribute("src", url), { once: true });
  current.setAttribute("src", "about:blank");
  handlers = new Set();
  pendingConfig = undefined;
  log(`Laddar om ${url}`);
});

ui.saveConfig.addEventListener("click", () => {
  if (!handlers.has("save")) log("(fliken har ingen hanterare för spara)");
  ui.configMessage.textContent = "Sparar …";
  log("← settings.save");
  post({ func: "settings.save", args: [{}] });
});

function option(value: string, label: string): HTMLOptionElement {
  const item = document.createElement("option");
  item.value = value;
  item.textContent = label;
  return item;
}

async function start(): Promise<void> {
  ui.status.textContent = "Startar den lokala Teams-värden …";
  people = (await getJson<{ items: Person[] }>("/api/local-auth/users")).items;
  const person = currentPerson();
  const token = await tokenFor(person);
  const [all, me, everyone] = await Promise.all([
    getJson<{ items: Array<Omit<Committee, "groupId">> }>("/api/committees", token),
    getJson<{ committees: Array<{ code: string; canWrite?: boolean; groupId?: string }> }>(
      "/api/me",
      token,
    ),
    // Teams knows every team; standing in for it, the host learns each nämnd's
    // group from the people who may read it (the list shows others' groups to no one).
    Promise.all(
      people.map(async (candidate) =>
        getJson<{ committees: Array<{ id: string; groupId?: string }> }>(
          "/api/me",
          await tokenFor(candidate),
        ),
      ),
    ),
  ]);
  const groups = new Map(
    everyone.flatMap((answer) =>
      answer.committees.flatMap((committee) =>
        committee.groupId ? [[committee.id, committee.groupId] as const] : [],
      ),
    ),
  );
  committees = all.items.flatMap((committee) => {
    const groupId = groups.get(committee.id);
    return groupId ? [{ ...committee, groupId }] : [];
  });
  if (!settings.team) {
    const own =
      me.committees.find((committee) => committee.canWrite && committee.groupId) ??
      me.committees.find((committee) => committee.groupId);
    settings = { ...settings, team: own?.code ?? "none" };
  }
  settings = { ...settings, person: person.email };
  ui.person.replaceChildren(...people.map((candidate) => option(candidate.email, candidate.name)));
  ui.team.replaceChildren(
    option("none", "Inget team (personlig app)"),
    ...committees.map((committee) => option(committee.code, committee.name)),
  );
  ui.person.value = settings.person;
  ui.team.value = currentTeam() ? settings.team : "none";
  ui.view.value = settings.view;
  ui.theme.value = settings.theme;
  ui.width.value = settings.width;
  ui.sub.value = settings.sub;
  ui.init.value = settings.init;
  ui.sso.value = settings.sso;
  ui.settings.open = window.innerWidth > 900;
  writeSettings(settings);
  applyTheme(settings.theme);
  open();
}

start().catch((error: unknown) => {
  ui.status.textContent = `Den lokala Teams-värden kunde inte starta: ${String(error)}`;
});
