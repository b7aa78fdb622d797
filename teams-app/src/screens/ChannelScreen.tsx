import { Button, Field, Input, makeStyles, Text, Title3, tokens } from "@fluentui/react-components";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ApiError } from "../api.ts";
import { useApp } from "../app-context.ts";
import { CardView } from "../components/CardView.tsx";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../components/Feedback.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { formatDateTime } from "../format.ts";
import { useLoad } from "../hooks/use-load.ts";
import type { ChatActivity, ChatPage } from "../types.ts";

/**
 * Local mode's view of Teams: what the bot posted in the nämnd's channel
 * (the årshjul's reminders), and a chat with the bot through the real
 * /api/messages endpoint.
 */

type Activity = ChatActivity;

const useStyles = makeStyles({
  columns: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 360px), 1fr))",
    gap: tokens.spacingHorizontalXL,
    alignItems: "start",
  },
  column: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  list: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    listStyle: "none",
    margin: 0,
    padding: 0,
    maxHeight: "70vh",
    overflowY: "auto",
  },
  meta: { color: tokens.colorNeutralForeground3 },
  form: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "flex-end",
  },
  grow: { flexGrow: 1, minWidth: "min(100%, 200px)" },
});

const textOf = (activity: Activity) => (activity.text ?? "").replace(/<at>([^<]*)<\/at>/g, "@$1");

function Message({ activity }: { activity: Activity }) {
  const styles = useStyles();
  return (
    <li>
      <Text size={200} className={styles.meta} block>
        {activity.from?.name ?? (activity.from?.role === "user" ? "Du" : "Avtalsuppföljning")} ·{" "}
        {formatDateTime(activity.timestamp)}
      </Text>
      {textOf(activity) ? <Text block>{textOf(activity)}</Text> : null}
      {activity.attachments?.map((attachment, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a posted message never changes or reorders.
        <CardView key={index} content={attachment.content} />
      ))}
    </li>
  );
}

export function ChannelScreen() {
  const styles = useStyles();
  const { api, committee, announce } = useApp();
  const [text, setText] = useState("");
  const [error, setError] = useState<ApiError>();
  const [sending, setSending] = useState(false);
  const channel = useLoad(
    () =>
      committee
        ? api.get<ChatPage>(`/api/committees/${committee.id}/channel`)
        : Promise.resolve(undefined),
    `${committee?.id}`,
  );
  const chat = useLoad(() => api.get<ChatPage>("/api/chat"), "chat");

  // The newest reply is where the person looks: the chat scrolls to its end when messages arrive.
  const chatList = useRef<HTMLUListElement>(null);
  const chatCount = chat.data?.items.length ?? 0;
  useEffect(() => {
    const list = chatList.current;
    if (list && chatCount > 0) list.scrollTop = list.scrollHeight;
  }, [chatCount]);

  // Reminders arrive while the page is open: look again now and then.
  useEffect(() => {
    const timer = setInterval(() => channel.reload(), 15_000);
    return () => clearInterval(timer);
  }, [channel.reload]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setSending(true);
    setError(undefined);
    try {
      await api.post("/api/chat", { text });
      setText("");
      chat.reload();
      announce("Boten har svarat.");
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Kanal och chatt"
        description="Så här ser det ut i Teams: årshjulets påminnelser i nämndens kanal, och en chatt med boten."
      />
      <div className={styles.columns}>
        <section className={styles.column} aria-labelledby="kanal-rubrik">
          <Title3 as="h2" id="kanal-rubrik">
            Nämndens kanal
          </Title3>
          {channel.error ? <ErrorMessage error={channel.error} onRetry={channel.reload} /> : null}
          {!channel.data && !channel.error ? <LoadingSkeleton /> : null}
          {channel.data && channel.data.items.length === 0 ? (
            <EmptyState title="Inga inlägg ännu">
              {channel.data.channel
                ? "Påminnelserna från årshjulet hamnar här varje morgon."
                : "Nämnden är inte kopplad till någon kanal. Skriv ”koppla <nämnd>” till boten i nämndens team."}
            </EmptyState>
          ) : null}
          <ul className={styles.list} aria-label="Inlägg i kanalen">
            {channel.data?.items.map((entry) => (
              <Message key={entry.seq} activity={entry.activity} />
            ))}
          </ul>
        </section>
        <section className={styles.column} aria-labelledby="chatt-rubrik">
          <Title3 as="h2" id="chatt-rubrik">
            Chatta med boten
          </Title3>
          <ul ref={chatList} className={styles.list} aria-label="Chatt" aria-live="polite">
            {chat.data?.items.map((entry) => (
              <Message key={entry.seq} activity={entry.activity} />
            ))}
          </ul>
          {error ? <ErrorMessage error={error} /> : null}
          <form className={styles.form} onSubmit={send}>
            <Field
              label="Meddelande"
              hint="Till exempel ”status”, ”brister” eller ”förfaller 60”"
              className={styles.grow}
            >
              <Input value={text} onChange={(_event, data) => setText(data.value)} />
            </Field>
            <Button appearance="primary" type="submit" disabled={sending}>
              {sending ? "Skickar …" : "Skicka"}
            </Button>
          </form>
        </section>
      </div>
    </>
  );
}
