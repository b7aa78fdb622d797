import { Router } from "express";
import Papa from "papaparse";
import { reportingCommitteeIds } from "../../domain/annual-cycle.ts";
import { swedishLongDate } from "../../domain/dates.ts";
import type { Committee } from "../../domain/model.ts";
import { providerLabel } from "../../domain/provider-label.ts";
import {
  PUBLIC_COLUMNS,
  type PublicContract,
  presentPublicContract,
} from "../../presenters/public-contract.ts";
import type { AppStore } from "../../store/app-store.ts";
import type { OpenData } from "../api-shapes.ts";

/**
 * Public insight (insynsrätt) without sign-in: a page per kommun and nämnd,
 * an embeddable fragment, and open data as JSON and CSV with a stable
 * schema. Only the public presenter's fields ever leave.
 */

const CACHE_MS = 60_000;
const CACHE_HEADER = "public, max-age=300";
export const OPEN_DATA_SCHEMA_VERSION = 1;

interface Snapshot {
  at: number;
  /** The store's count of removals when read (see `AppStore.removals`). */
  removals: number;
  municipality: string;
  committees: Committee[];
  contracts: PublicContract[];
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

function show(value: string | boolean | null): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? swedishLongDate(value) : value;
}

function contractArticle(contract: PublicContract): string {
  const rows: Array<[string, string]> = [
    ["Verksamhetsområde", show(contract.serviceArea)],
    [
      "Utförare",
      contract.provider === null
        ? ""
        : providerLabel(contract.provider, contract.ownRegime === true),
    ],
    ["Organisationsnummer", show(contract.providerOrgNumber)],
    [
      "Avtalsperiod",
      contract.startDate || contract.endDate
        ? `${show(contract.startDate) || "–"} – ${show(contract.endDate) || "tills vidare"}`
        : "",
    ],
    ["Vad följs upp", show(contract.followedUp)],
    [
      "Senaste uppföljning",
      contract.latestResult ? `${contract.latestFollowUpPeriod}: ${contract.latestResult}` : "",
    ],
    ["Handlingsplaner pågår", show(contract.actionPlansInProgress)],
  ].filter(([, value]) => value !== "") as Array<[string, string]>;
  return `<article class="avtal"><h3>${escapeHtml(contract.title)}</h3><dl>${rows
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join("")}</dl></article>`;
}

function committeeSection(
  committee: Committee,
  contracts: PublicContract[],
  level: 2 | 3 = 2,
): string {
  const mine = contracts.filter((contract) => contract.committeeCode === committee.code);
  const heading = level === 2 ? "h2" : "h3";
  return `<section aria-labelledby="namnd-${escapeHtml(committee.code)}"><${heading} id="namnd-${escapeHtml(committee.code)}">${escapeHtml(committee.name)}</${heading}>${
    mine.length === 0
      ? "<p>Nämnden har inga avtal att redovisa här.</p>"
      : mine.map(contractArticle).join("")
  }</section>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;margin:0;color:#1b1b1b;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem}
a{color:#0b5cad}
.avtal{border:1px solid #767676;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem}
.avtal h3{margin:.25rem 0 .5rem;font-size:1.1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dt{font-weight:600}dd{margin:0}
nav ul{padding-left:1.2rem}
@media (max-width:36rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
@media print{nav,.skip{display:none}.avtal{break-inside:avoid}}
.skip{position:absolute;left:-10000px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
`;

function page(title: string, municipality: string, body: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – ${escapeHtml(municipality)}</title><style>${STYLE}</style></head><body><a class="skip" href="#innehall">Hoppa till innehållet</a><main id="innehall"><h1>${escapeHtml(title)}</h1>${body}<p><small>Uppgifterna kommer från ${escapeHtml(municipality)}s avtalsuppföljning. Öppna data: <a href="/insyn/avtal.json">JSON</a>, <a href="/insyn/avtal.csv">CSV</a>.</small></p></main></body></html>`;
}

export function publicInsightRouter(store: AppStore): Router {
  const router = Router();
  let current: Snapshot | undefined;
  let refreshing: Promise<Snapshot> | undefined;

  const refresh = (): Promise<Snapshot> => {
    const removals = store.removals;
    // The kommun copy brought current by delta (one batch of 1-RU requests, shared with the
    // screens), not every list read whole each time the page goes stale.
    refreshing ??= store
      .currentCycleData()
      .then((data) => {
        const contracts: PublicContract[] = [];
        for (const contract of data.contracts.filter(
          (candidate) => candidate.status === "aktivt",
        )) {
          for (const committeeId of reportingCommitteeIds(contract)) {
            const committee = data.committees.find((candidate) => candidate.id === committeeId);
            if (committee)
              contracts.push(
                presentPublicContract(contract, committee, data.followUps, data.deficiencies),
              );
          }
        }
        contracts.sort(
          (a, b) =>
            a.committee.localeCompare(b.committee, "sv") || a.title.localeCompare(b.title, "sv"),
        );
        current = {
          at: Date.now(),
          removals,
          municipality: data.settings.name,
          committees: data.committees,
          contracts,
        };
        return current;
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  /**
   * The page is served from a snapshot; a stale one is refreshed in the
   * background and served meanwhile. The refresh is background work: while
   * SharePoint says the app's budget is nearly spent it waits, so people's
   * requests in the tab come first. Only the very first visit waits for Graph.
   */
  const load = async (): Promise<Snapshot> => {
    // A record removed (or restored) since: read afresh now, not in the background.
    if (!current || current.removals !== store.removals) return refresh();
    if (Date.now() - current.at > CACHE_MS && !store.access.rateLimit.nearlySpent()) {
      refresh().catch(() => {
        // The stale snapshot stays; the next visit tries again.
      });
    }
    return current;
  };

  const filtered = (data: Snapshot, code: unknown) =>
    typeof code === "string" && code !== ""
      ? data.contracts.filter(
          (contract) => contract.committeeCode.toLowerCase() === code.toLowerCase(),
        )
      : data.contracts;

  router.get("/insyn/avtal.json", async (request, response) => {
    const data = await load();
    response.setHeader("Cache-Control", CACHE_HEADER);
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.json({
      schemaVersion: OPEN_DATA_SCHEMA_VERSION,
      municipality: data.municipality,
      generatedAt: new Date(data.at).toISOString(),
      contracts: filtered(data, request.query.namnd),
    } satisfies OpenData);
  });

  router.get("/insyn/avtal.csv", async (request, response) => {
    const data = await load();
    const csv = Papa.unparse(
      {
        fields: PUBLIC_COLUMNS.map((column) => column.label),
        data: filtered(data, request.query.namnd).map((contract) =>
          PUBLIC_COLUMNS.map((column) => show(contract[column.key] as string | boolean | null)),
        ),
      },
      { delimiter: ";", newline: "\r\n", escapeFormulae: true },
    );
    response.setHeader("Cache-Control", CACHE_HEADER);
    response.setHeader("Access-Control-Allow-Origin", "*");
    response
      .type("text/csv; charset=utf-8")
      .setHeader("Content-Disposition", 'attachment; filename="avtal.csv"');
    response.send(`\uFEFF${csv}`);
  });

  router.get("/insyn/fragment", async (request, response) => {
    const data = await load();
    const code = typeof request.query.namnd === "string" ? request.query.namnd : "";
    const committees = code
      ? data.committees.filter((committee) => committee.code.toLowerCase() === code.toLowerCase())
      : data.committees;
    response.setHeader("Cache-Control", CACHE_HEADER);
    response.setHeader("Access-Control-Allow-Origin", "*");
    response
      .type("text/html; charset=utf-8")
      .send(
        `<div class="avtalsinsyn" lang="sv">${committees.map((committee) => committeeSection(committee, data.contracts, 3)).join("")}</div>`,
      );
  });

  router.get("/insyn", async (_request, response) => {
    const data = await load();
    const nav = `<nav aria-label="Nämnder"><ul>${data.committees
      .map(
        (committee) =>
          `<li><a href="/insyn/${encodeURIComponent(committee.code.toLowerCase())}">${escapeHtml(committee.name)}</a></li>`,
      )
      .join("")}</ul></nav>`;
    response.setHeader("Cache-Control", CACHE_HEADER);
    response
      .type("html")
      .send(
        page(
          "Insyn i avtal med utförare",
          data.municipality,
          `<p>Här redovisar ${escapeHtml(data.municipality)} hur verksamhet som kommunen upphandlat eller bedriver i egen regi följs upp.</p>${nav}${data.committees.map((committee) => committeeSection(committee, data.contracts)).join("")}`,
        ),
      );
  });

  router.get("/insyn/:code", async (request, response) => {
    const data = await load();
    const committee = data.committees.find(
      (candidate) => candidate.code.toLowerCase() === String(request.params.code).toLowerCase(),
    );
    response.setHeader("Cache-Control", CACHE_HEADER);
    if (!committee) {
      response
        .status(404)
        .type("html")
        .send(
          page(
            "Nämnden finns inte",
            data.municipality,
            '<p>Det finns ingen nämnd med den adressen. <a href="/insyn">Till alla nämnder</a>.</p>',
          ),
        );
      return;
    }
    response
      .type("html")
      .send(
        page(
          `Insyn: ${committee.name}`,
          data.municipality,
          `<p><a href="/insyn">Alla nämnder</a></p>${committeeSection(committee, data.contracts)}`,
        ),
      );
  });

  return router;
}
