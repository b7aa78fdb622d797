import { graphErrors } from "./errors.ts";

/**
 * If-Match handling for list items and drive items. SharePoint's ETag is the
 * quoted `"{GUID},version"`; an unquoted tag is malformed, `*` matches anything.
 */
export function etagOf(guid: string, version: number): string {
  return `"{${guid.toUpperCase()}},${version}"`;
}

export function checkIfMatch(header: string | undefined, currentEtag: string): void {
  if (header === undefined || header.trim() === "") return;
  const tags = header.split(",").reduce<string[]>((parts, piece) => {
    // Our tags contain a comma inside the quotes; rejoin split halves.
    const last = parts.at(-1);
    if (last !== undefined && (last.split('"').length - 1) % 2 === 1) {
      parts[parts.length - 1] = `${last},${piece}`;
    } else {
      parts.push(piece);
    }
    return parts;
  }, []);
  for (const raw of tags) {
    const tag = raw.trim().replace(/^W\//, "");
    if (tag === "*") return;
    if (!/^".*"$/.test(tag)) throw graphErrors.malformedEntityTag();
    if (tag.toLowerCase() === currentEtag.toLowerCase()) return;
  }
  throw graphErrors.resourceModified();
}
