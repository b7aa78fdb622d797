import { z } from "zod";

/**
 * The shapes of Graph's answers the app reads, as zod schemas: parsed where
 * they arrive, so a missing field fails there with a clear error instead of
 * surfacing later as `undefined`. Only the properties the app uses.
 */

/** A token endpoint's answer (OAuth 2.0 client credentials). */
export const tokenResponse = z.object({ access_token: z.string(), expires_in: z.number() });

/** The directory fields of a user the app reads (`$select`ed; any may be null). */
export const directoryUser = z.object({
  displayName: z.string().nullish(),
  jobTitle: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
});

/** A file in a document library (driveItem). */
export const driveItem = z.object({
  id: z.string(),
  name: z.string(),
  webUrl: z.string(),
  eTag: z.string(),
  size: z.number().optional(),
  lastModifiedBy: z
    .object({
      user: z.object({ displayName: z.string().optional() }).optional(),
      application: z.object({ displayName: z.string().optional() }).optional(),
    })
    .optional(),
});
export type DriveItem = z.infer<typeof driveItem>;

/** `createUploadSession`'s answer. */
export const uploadSession = z.object({ uploadUrl: z.string() });

/** An upload session's answer to a fragment: the ranges still missing, or an error. */
export const uploadProgress = z.object({
  nextExpectedRanges: z.array(z.string()).optional(),
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
});

/** One part of a JSON batch's answer. */
export const batchResponse = z.object({
  id: z.string(),
  status: z.number(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown(),
});
export type BatchResponse = z.infer<typeof batchResponse>;

/** A JSON batch's answer. */
export const batchReply = z.object({ responses: z.array(batchResponse) });
