import { ResponseType } from "@microsoft/microsoft-graph-client";
import type { GraphAccess } from "./graph-client-factory.ts";

/** A library file's bytes (`GET /drives/{drive}/items/{item}/content`). */
export async function fileContent(
  access: GraphAccess,
  driveId: string,
  itemId: string,
): Promise<Uint8Array> {
  const body: unknown = await access.client
    .api(`/drives/${encodeURIComponent(driveId)}/items/${encodeURIComponent(itemId)}/content`)
    .responseType(ResponseType.ARRAYBUFFER)
    .get();
  if (!(body instanceof ArrayBuffer)) throw new Error("Graph answered a download without bytes");
  return new Uint8Array(body);
}
