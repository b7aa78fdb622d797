import { z } from "zod";
import { readJsonBody } from "../http/body.ts";
import type { Middleware } from "../http/middleware.ts";
import { sendJson } from "../http/respond.ts";
import type { Identity, StoredItem } from "../persistence/graph-persistence.ts";
import { graphErrors } from "./errors.ts";
import type { FaultInjector } from "./faults.ts";
import { applyFieldWrites } from "./handlers/field-writes.ts";
import { isoSeconds, newGuid } from "./ids.ts";
import type { ResourceMeter } from "./resource-units.ts";
import type { ServiceContext } from "./service-context.ts";

/**
 * Local-only administration under `/_local` (never under `/v1.0`): fault
 * injection, the resource-unit budget, request and RU counters, making delta
 * tokens stale, and a bulk import of list items for benchmarks and large demo
 * data.
 */

const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
const MAX_IMPORT_ITEMS = 200_000;

const expireSchema = z.strictObject({ listId: z.string().min(1) });
const importSchema = z.strictObject({
  items: z
    .array(z.strictObject({ fields: z.record(z.string(), z.unknown()) }))
    .max(MAX_IMPORT_ITEMS),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw graphErrors.invalidRequest(
      `Invalid body: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "malformed"}.`,
    );
  }
  return parsed.data;
}

export function admin(
  context: ServiceContext,
  faults: FaultInjector,
  meter: ResourceMeter,
): Middleware {
  const persistence = context.persistence;
  return async (exchange, next) => {
    if (exchange.caller.kind !== "operator") return next();
    const key = `${exchange.method} ${exchange.url.pathname}`;
    const body = () => readJsonBody(exchange.request, exchange.headers);
    const reply = (value: unknown, status = 200) => sendJson(exchange, status, value);
    switch (key) {
      case "GET /_local/faults":
        return reply(faults.current());
      case "PUT /_local/faults": {
        const update = await body();
        try {
          return reply(faults.configure(update ?? {}));
        } catch (error) {
          throw graphErrors.invalidRequest(`Invalid fault settings: ${(error as Error).message}`);
        }
      }
      case "GET /_local/budget":
        return reply(meter.current());
      case "PUT /_local/budget": {
        const update = await body();
        try {
          return reply(meter.configure(update ?? {}));
        } catch (error) {
          throw graphErrors.invalidRequest(`Invalid budget settings: ${(error as Error).message}`);
        }
      }
      case "GET /_local/stats":
        return reply({ ...faults.stats(), resourceUnits: meter.stats() });
      case "POST /_local/stats/reset":
        faults.resetStats();
        meter.reset();
        return reply({ ...faults.stats(), resourceUnits: meter.stats() });
      case "POST /_local/delta/expire": {
        const { listId } = parse(expireSchema, await body());
        if (!persistence.getListById(listId)) throw graphErrors.itemNotFound("Unknown list.");
        persistence.transaction(() => persistence.compactChanges(listId));
        return reply({ expired: listId });
      }
    }
    const importMatch = /^\/_local\/lists\/([^/]+)\/items\/import$/.exec(exchange.url.pathname);
    if (importMatch && exchange.method === "POST") {
      const list = persistence.getListById(decodeURIComponent(importMatch[1]!));
      if (!list) throw graphErrors.itemNotFound("Unknown list.");
      const { items } = parse(
        importSchema,
        await readJsonBody(exchange.request, exchange.headers, MAX_IMPORT_BYTES),
      );
      const identity: Identity = { application: { id: "import", displayName: "Import" } };
      const columns = persistence.listColumns(list.id);
      const now = isoSeconds(context.now());
      const ids = persistence.transaction(() =>
        items.map(({ fields: written }) => {
          const fields = applyFieldWrites(context, list, columns, {}, written, undefined);
          const item: StoredItem = {
            listId: list.id,
            id: persistence.nextItemId(list.id),
            guid: newGuid(),
            version: 1,
            fields,
            created: now,
            modified: now,
            createdBy: identity,
            modifiedBy: identity,
          };
          persistence.insertItem(item);
          persistence.insertItemVersion(list.id, item.id, {
            version: 1,
            fields,
            modified: now,
            modifiedBy: identity,
          });
          return item.id;
        }),
      );
      return reply({ imported: ids.length, firstId: ids[0] ?? null }, 201);
    }
    return next();
  };
}
