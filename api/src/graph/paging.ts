import type { GraphAccess } from "./graph-client-factory.ts";

/** Follows `@odata.nextLink` page by page; a read that can grow never loads in one call. */
export async function* pages<T>(
  access: GraphAccess,
  firstUrl: string,
  headers: Record<string, string> = {},
): AsyncGenerator<T[], void, undefined> {
  let url: string | undefined = firstUrl;
  while (url !== undefined) {
    const page = (await access.client.api(access.relative(url)).headers(headers).get()) as {
      value: T[];
      "@odata.nextLink"?: string;
    };
    yield page.value;
    url = page["@odata.nextLink"];
  }
}

export async function readAll<T>(
  access: GraphAccess,
  firstUrl: string,
  headers: Record<string, string> = {},
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages<T>(access, firstUrl, headers)) all.push(...page);
  return all;
}
