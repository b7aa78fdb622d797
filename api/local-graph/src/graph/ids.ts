import { randomBytes, randomUUID } from "node:crypto";

/** Identifier shapes as SharePoint/OneDrive hand them out. */

export const newGuid = (): string => randomUUID();

/** Site ids are composite: `hostname,siteCollectionId,webId`. */
export const newSiteId = (hostname: string): string =>
  `${hostname},${randomUUID()},${randomUUID()}`;

/** Drive ids of SharePoint libraries look like `b!` + base64url. */
export const newDriveId = (): string => `b!${randomBytes(48).toString("base64url")}`;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** DriveItem ids are 34 characters, starting with `01`. */
export function newDriveItemId(): string {
  const bytes = randomBytes(32);
  let id = "01";
  for (let index = 0; index < 32; index += 1) id += BASE32[bytes[index]! % 32];
  return id;
}

export const newOpaqueToken = (): string => randomBytes(24).toString("base64url");

/** Graph timestamps: ISO 8601 UTC to the second. */
export const isoSeconds = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");
