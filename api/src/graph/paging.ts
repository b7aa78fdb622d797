import type { GraphAccess } from "./graph-client-factory.ts";
import { collectionPage } from "./json.ts";

/** Follows `@odata.nextLink` page by page; a read that can grow never loads in one call. */
export async function* pages(
  access: GraphAccess,
  firstUrl: string,
  headers: Record<string, string> = {},
): AsyncGenerator<unknown[], void, undefined> {
  let url: string | undefined = firstUrl;
  while (url !== undefined) {
    const page = collectionPage(
      await access.client.api(access.relative(url)).headers(headers).get(),
    );
    yield page.value;
    url = page.nextLink;
  }
}

/**
 * Every item of a collection, each read by `parse` (which drops what it
 * cannot read, returning undefined).
 */
export async function readAll<T>(
  access: GraphAccess,
  firstUrl: string,
  parse: (item: unknown) => T | undefined,
  headers: Record<string, string> = {},
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages(access, firstUrl, headers)) {
    for (const raw of page) {
      const item = parse(raw);
      if (item !== undefined) all.push(item);
    }
  }
  return all;
}
