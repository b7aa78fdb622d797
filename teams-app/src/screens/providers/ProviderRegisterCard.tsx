import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  Textarea,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { HistoryPanel } from "../../components/history/HistoryPanel.tsx";
import { NoticeBar } from "../../components/NoticeBar.tsx";
import type {
  ProviderRegisterCard as Card,
  ProviderQuestion,
  ProviderRegisterEntry,
} from "../../types.ts";
import { useRiskCardStyles } from "../contract-detail/risk/RiskCard.styles.ts";
import type { RegisterDraft, RegisterField } from "./provider-register-form.ts";
import { useProviderRegisterCard } from "./useProviderRegisterCard.ts";
import { useSameProviderAnswers } from "./useSameProviderAnswers.ts";

const useStyles = makeStyles({
  facts: {
    display: "grid",
    // The labels' column never takes the values' room; on a phone each value goes under its label.
    gridTemplateColumns: "minmax(8rem, 14rem) minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    "@media (max-width: 480px)": { gridTemplateColumns: "minmax(0, 1fr)", rowGap: 0 },
  },
  term: {
    fontWeight: tokens.fontWeightSemibold,
    "@media (max-width: 480px)": { marginTop: tokens.spacingVerticalS },
  },
  value: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  flags: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    listStyleType: "none",
    margin: 0,
    padding: 0,
  },
  questions: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0 },
  question: { display: "grid", gap: tokens.spacingVerticalS, listStyleType: "none" },
  answers: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    border: "none",
    margin: 0,
    padding: 0,
    minInlineSize: 0,
  },
  fields: {
    display: "grid",
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 220px), 1fr))",
  },
});

/**
 * "Uppgifter om leverantören": the provider's entry in the kommun's register —
 * organisationsnummer, finances, decisions by IVO and other authorities, a
 * contact — and, for kommunledningskontoret and the nämnder with contracts
 * with it, a form to note them (prefilled from the contracts when there is
 * no entry yet). What is noted raises the risk suggestion of its contracts.
 */
export function ProviderRegisterCard({
  providerKey,
  card,
  onSaved,
}: {
  providerKey: string;
  card: Card;
  onSaved: () => void;
}) {
  const styles = useRiskCardStyles();
  const answers = useSameProviderAnswers(providerKey, onSaved);
  const section = useRef<HTMLElement>(null);
  const answer = async (question: ProviderQuestion, same: boolean) => {
    await answers.answer(question, same);
    // The answered question (and the button pressed) goes: keep the person in the card.
    section.current?.focus();
  };
  return (
    <section
      className={styles.card}
      aria-labelledby="uppgifter-om-leverantoren"
      ref={section}
      tabIndex={-1}
    >
      <Title3 as="h2" id="uppgifter-om-leverantoren">
        Uppgifter om leverantören
      </Title3>
      {card.entry ? (
        <EntryFacts entry={card.entry} />
      ) : (
        <Text>
          Leverantören finns inte i leverantörsregistret ännu.
          {card.canEdit
            ? " Formuläret är ifyllt från avtalen: kontrollera uppgifterna och spara."
            : ""}
        </Text>
      )}
      {card.questions.length > 0 ? (
        <SameProvider
          questions={card.questions}
          canEdit={card.canEdit}
          busy={answers.busy}
          onAnswer={answer}
        />
      ) : null}
      {/* Always in the page, so the answer's result is announced when it appears. */}
      <div role="status" aria-live="polite" aria-atomic="true">
        {answers.notice ? (
          <MessageBar intent={answers.notice.intent} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{answers.notice.title}</MessageBarTitle>
              {answers.notice.text}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {card.entry ? <EntryHistory providerKey={providerKey} etag={card.entry.etag} /> : null}
      {card.canEdit ? (
        <RegisterForm providerKey={providerKey} card={card} onSaved={onSaved} />
      ) : (
        <Text size={200}>
          Uppgifterna ändras av kommunledningskontoret och de nämnder som har avtal med
          leverantören.
        </Text>
      )}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{children}</dd>
    </>
  );
}

function EntryFacts({ entry }: { entry: ProviderRegisterEntry }) {
  const styles = useStyles();
  const contact = [entry.contactName, entry.contactPhone].filter((part) => part !== "");
  return (
    <>
      {entry.flags.length > 0 ? (
        <ul className={styles.flags} aria-label="Noterat om leverantören">
          {entry.flags.map((flag) => (
            <li key={flag}>
              <Badge appearance="tint" color="danger">
                {flag}
              </Badge>
            </li>
          ))}
        </ul>
      ) : (
        <Text>Ingen svag ekonomi eller väntande beslut från IVO noterad.</Text>
      )}
      <dl className={styles.facts} aria-label="Uppgifter i leverantörsregistret">
        <Fact term="Organisationsnummer">{entry.orgNumber || "Saknas"}</Fact>
        <Fact term="Ekonomi">{entry.financesNote || "Inget noterat"}</Fact>
        <Fact term="IVO och andra myndigheters beslut">
          {entry.authorityNote || "Inget noterat"}
        </Fact>
        {entry.alsoKnownAs.length > 0 ? (
          <Fact term="Även känd som">{entry.alsoKnownAs.join(", ")}</Fact>
        ) : null}
        {entry.notSameAs.length > 0 ? (
          <Fact term="Inte samma leverantör som">{entry.notSameAs.join(", ")}</Fact>
        ) : null}
        <Fact term="Kontaktperson">
          {contact.length > 0 || entry.contactEmail ? (
            <>
              {contact.join(", ")}
              {contact.length > 0 && entry.contactEmail ? ", " : ""}
              {entry.contactEmail ? (
                <Link href={`mailto:${entry.contactEmail}`}>{entry.contactEmail}</Link>
              ) : null}
            </>
          ) : (
            "Ingen angiven"
          )}
        </Fact>
      </dl>
    </>
  );
}

/** The entry's change history, read when the person opens it (SharePoint's versions cost a request). */
function EntryHistory({ providerKey, etag }: { providerKey: string; etag: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Button appearance="subtle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "Dölj ändringshistorik" : "Visa ändringshistorik"}
      </Button>
      {open ? (
        <HistoryPanel
          path={`/api/providers/${encodeURIComponent(providerKey)}/register`}
          version={etag}
        />
      ) : null}
    </div>
  );
}

function SameProvider({
  questions,
  canEdit,
  busy,
  onAnswer,
}: {
  questions: ProviderQuestion[];
  canEdit: boolean;
  busy: string | undefined;
  onAnswer: (question: ProviderQuestion, same: boolean) => Promise<void>;
}) {
  const own = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Samma leverantör?</MessageBarTitle>
        Avtalen skriver leverantören på olika sätt. Avtal med samma organisationsnummer räknas som
        samma leverantör; andra stavningar slås inte ihop förrän någon har svarat:
        {canEdit
          ? " svara på varje fråga. Samma leverantör ger avtalen registrets uppgifter om den."
          : " kommunledningskontoret eller en nämnd med avtal med leverantören svarar."}
        <ul className={own.questions}>
          {questions.map((question, index) => {
            const textId = `samma-leverantor-${index}`;
            return (
              <li key={question.id} className={own.question}>
                <Text id={textId}>{question.text}</Text>
                {!canEdit ? null : question.entry ? (
                  <fieldset className={own.answers} aria-labelledby={textId}>
                    <Button
                      disabled={busy !== undefined}
                      onClick={() => void onAnswer(question, true)}
                    >
                      Ja, samma leverantör
                    </Button>
                    <Button
                      disabled={busy !== undefined}
                      onClick={() => void onAnswer(question, false)}
                    >
                      Nej, olika leverantörer
                    </Button>
                  </fieldset>
                ) : (
                  <Text size={200}>
                    Spara uppgifterna om leverantören först, så kan du svara på frågan.
                  </Text>
                )}
              </li>
            );
          })}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

function RegisterForm({
  providerKey,
  card,
  onSaved,
}: {
  providerKey: string;
  card: Card;
  onSaved: () => void;
}) {
  const styles = useRiskCardStyles();
  const own = useStyles();
  const form = useProviderRegisterCard(providerKey, card, onSaved);
  const { draft, errors } = form;
  const refs = {
    name: useRef<HTMLInputElement>(null),
    orgNumber: useRef<HTMLInputElement>(null),
    weakFinances: useRef<HTMLInputElement>(null),
    ivoDecisionPending: useRef<HTMLInputElement>(null),
    financesNote: useRef<HTMLTextAreaElement>(null),
    authorityNote: useRef<HTMLTextAreaElement>(null),
    contactName: useRef<HTMLInputElement>(null),
    contactEmail: useRef<HTMLInputElement>(null),
    contactPhone: useRef<HTMLInputElement>(null),
  } satisfies Record<RegisterField, unknown>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = await form.save();
    if (invalid) refs[invalid].current?.focus();
  };

  const state = (
    name: RegisterField,
  ): { validationState: "error" | "none"; validationMessage?: string } =>
    errors[name]
      ? { validationState: "error", validationMessage: errors[name] }
      : { validationState: "none" };
  const input = (
    name: "name" | "orgNumber" | "contactName" | "contactEmail" | "contactPhone",
    label: string,
    set: (value: string) => Partial<RegisterDraft>,
    extra: { required?: boolean; hint?: string } = {},
  ) => (
    <Field label={label} {...state(name)} {...extra}>
      <Input
        ref={refs[name]}
        value={draft[name]}
        onChange={(_event, data) => form.change(set(data.value))}
      />
    </Field>
  );

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      noValidate
      aria-label="Ändra uppgifter om leverantören"
    >
      <Text as="h3" weight="semibold">
        {card.entry ? "Ändra uppgifterna" : "Lägg till i leverantörsregistret"}
      </Text>
      <div className={own.fields}>
        {input("name", "Namn", (name) => ({ name }), { required: true })}
        {input("orgNumber", "Organisationsnummer", (orgNumber) => ({ orgNumber }), {
          hint: "Tio siffror, NNNNNN-NNNN",
        })}
      </div>
      <Field {...state("weakFinances")}>
        <Checkbox
          ref={refs.weakFinances}
          label="Svag ekonomi"
          checked={draft.weakFinances}
          onChange={(_event, data) => form.change({ weakFinances: data.checked === true })}
        />
      </Field>
      <Field {...state("ivoDecisionPending")}>
        <Checkbox
          ref={refs.ivoDecisionPending}
          label="Väntar på beslut från IVO"
          checked={draft.ivoDecisionPending}
          onChange={(_event, data) => form.change({ ivoDecisionPending: data.checked === true })}
        />
      </Field>
      <Field label="Ekonomi" {...state("financesNote")}>
        <Textarea
          ref={refs.financesNote}
          value={draft.financesNote}
          onChange={(_event, data) => form.change({ financesNote: data.value })}
        />
      </Field>
      <Field label="IVO och andra myndigheters beslut" {...state("authorityNote")}>
        <Textarea
          ref={refs.authorityNote}
          value={draft.authorityNote}
          onChange={(_event, data) => form.change({ authorityNote: data.value })}
        />
      </Field>
      <div className={own.fields}>
        {input("contactName", "Kontaktperson", (contactName) => ({ contactName }))}
        {input("contactEmail", "Kontaktpersonens e-post", (contactEmail) => ({ contactEmail }))}
        {input("contactPhone", "Kontaktpersonens telefon", (contactPhone) => ({ contactPhone }))}
      </div>
      {form.notice ? <NoticeBar notice={form.notice} /> : null}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={form.saving}>
          {card.entry ? "Spara uppgifterna" : "Lägg till leverantören"}
        </Button>
      </div>
    </form>
  );
}
