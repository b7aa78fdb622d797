import {
  Button,
  Card,
  CardHeader,
  makeStyles,
  Text,
  Title1,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { ApiError } from "./api.ts";
import { ErrorMessage, LoadingSkeleton } from "./components/Feedback.tsx";
import { storeToken } from "./session.ts";
import type { Items, LocalPerson } from "./types.ts";

/** Local mode: pick one of the demo people; the server signs a token for them. */

type DemoPerson = LocalPerson;

const useStyles = makeStyles({
  page: {
    maxWidth: "880px",
    margin: "0 auto",
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXL}`,
    display: "grid",
    gap: tokens.spacingVerticalL,
  },
  list: {
    display: "grid",
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))",
    listStyle: "none",
    padding: 0,
    margin: 0,
  },
  card: { height: "100%" },
});

async function request<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T & { detail?: string; title?: string; code?: string };
  if (!response.ok) {
    throw new ApiError({
      status: response.status,
      code: json.code ?? "error",
      title: json.title ?? "Fel",
      detail: json.detail ?? "Inloggningen misslyckades.",
    });
  }
  return json;
}

export function LocalSignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const styles = useStyles();
  const [people, setPeople] = useState<DemoPerson[]>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    document.title = "Logga in – Avtalsuppföljning";
    request<Items<DemoPerson>>("/api/local-auth/users").then(
      (result) => setPeople(result.items),
      (failure: unknown) => setError(failure instanceof ApiError ? failure : undefined),
    );
  }, []);

  const signIn = async (person: DemoPerson) => {
    try {
      const result = await request<{ accessToken: string }>("/api/local-auth/token", {
        userId: person.id,
      });
      storeToken(result.accessToken);
      onSignedIn(result.accessToken);
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
    }
  };

  return (
    <main className={styles.page}>
      <Title1 as="h1">Logga in i Avtalsuppföljning</Title1>
      <Text>
        Appen körs i lokalt läge med demodata. Välj vem du vill vara – varje person har olika
        behörigheter i nämnderna. I Teams loggas du in automatiskt med ditt konto.
      </Text>
      {error ? <ErrorMessage error={error} /> : null}
      {!people && !error ? <LoadingSkeleton label="Hämtar demopersoner …" /> : null}
      {people ? (
        <ul className={styles.list} aria-label="Demopersoner">
          {people.map((person) => (
            <li key={person.id}>
              <Card className={styles.card}>
                <CardHeader
                  header={<Text weight="semibold">{person.name}</Text>}
                  description={<Text>{person.description}</Text>}
                />
                <Button
                  appearance="primary"
                  onClick={() => signIn(person)}
                  aria-label={`Logga in som ${person.name}`}
                >
                  Logga in
                </Button>
              </Card>
            </li>
          ))}
        </ul>
      ) : null}
    </main>
  );
}
