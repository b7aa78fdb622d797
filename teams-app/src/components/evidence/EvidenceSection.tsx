import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  Title3,
} from "@fluentui/react-components";
import { useId } from "react";
import {
  ALLOWED_TYPES_TEXT,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_TYPES,
  swedishSize,
} from "../../../../api/src/domain/evidence.ts";
import { formatDateTime } from "../../format.ts";
import type { EvidenceItem } from "../../types.ts";
import { EmptyState, ErrorMessage, LoadingSkeleton } from "../Feedback.tsx";
import { RemoveRecord } from "../removal/RemoveRecord.tsx";
import { useEvidenceSectionStyles } from "./EvidenceSection.styles.ts";
import { useEvidence } from "./useEvidence.ts";

/** What the file picker offers: the allowed extensions. */
const ACCEPT = Object.keys(EVIDENCE_TYPES)
  .map((extension) => `.${extension}`)
  .join(",");

function EvidenceRow({
  file,
  path,
  writable,
  onDownload,
  onRemoved,
}: {
  file: EvidenceItem;
  path: string;
  writable: boolean;
  onDownload: () => void;
  onRemoved: () => void;
}) {
  const styles = useEvidenceSectionStyles();
  return (
    <li className={styles.file}>
      <div className={styles.name}>
        <Link href={file.webUrl} target="_blank" rel="noopener noreferrer">
          {file.name}
        </Link>
        <Text as="p" size={200} className={styles.meta}>
          {file.sizeText} · {file.uploadedBy.name || "okänd"} · {formatDateTime(file.uploadedAt)}
        </Text>
      </div>
      <div className={styles.actions}>
        <Button size="small" onClick={onDownload} aria-label={`Ladda ned ${file.name}`}>
          Ladda ned
        </Button>
        {file.wordUrl ? (
          <Button size="small" as="a" href={file.wordUrl} aria-label={`Öppna ${file.name} i Word`}>
            Öppna i Word
          </Button>
        ) : null}
        {writable ? (
          <RemoveRecord
            what={`filen ${file.name}`}
            path={`${path}/evidence/${encodeURIComponent(file.id)}`}
            etag={file.etag}
            onRemoved={onRemoved}
            triggerLabel={`Ta bort ${file.name}`}
            triggerSize="small"
            explanation="Filen försvinner ur listan men raderas inte ur nämndens bibliotek: vem som tog bort den, när och varför visas i historiken."
            reasonLabel="Varför tas filen bort?"
          />
        ) : null}
      </div>
    </li>
  );
}

/**
 * "Underlag": the files behind a contract or record — a real file input
 * (keyboard and screen reader as the browser makes it), progress while a
 * file is sent, Swedish messages when one is refused, and the list with
 * name, size, who and when, open, download and remove.
 */
export function EvidenceSection({
  path,
  writable,
  onChanged = () => {},
}: {
  /** The record's API path, e.g. /api/follow-ups/12. */
  path: string;
  writable: boolean;
  onChanged?: () => void;
}) {
  const styles = useEvidenceSectionStyles();
  const evidence = useEvidence({ path, onChanged });
  const headingId = useId();
  const sending = evidence.progress !== undefined;
  return (
    <section aria-labelledby={headingId} className={styles.section}>
      <Title3 as="h2" id={headingId}>
        Underlag
      </Title3>
      {writable ? (
        <div className={styles.picker}>
          <Field
            label="Bifoga en fil"
            hint={`Tillåtna filtyper: ${ALLOWED_TYPES_TEXT}. Högst ${swedishSize(EVIDENCE_MAX_BYTES)} per fil. Filen sparas i nämndens dokumentbibliotek.`}
          >
            {(fieldProps) => (
              <input
                {...fieldProps}
                ref={evidence.input}
                type="file"
                accept={ACCEPT}
                disabled={sending}
                className={styles.input}
                onChange={(event) => {
                  const file = event.currentTarget.files?.[0];
                  if (file) void evidence.send(file);
                }}
              />
            )}
          </Field>
          {sending ? (
            <Field
              validationMessage={`Skickar … ${Math.round((evidence.progress ?? 0) * 100)} %`}
              validationState="none"
            >
              <ProgressBar value={evidence.progress} aria-label="Filen skickas" />
            </Field>
          ) : null}
        </div>
      ) : null}
      <div aria-live="polite">
        {evidence.done ? (
          <MessageBar intent="success">
            <MessageBarBody>{evidence.done}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      <div role="alert">
        {evidence.problem ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{evidence.problem}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {evidence.files.error ? (
        <ErrorMessage error={evidence.files.error} onRetry={evidence.files.reload} />
      ) : !evidence.files.data ? (
        <LoadingSkeleton label="Hämtar underlagen …" />
      ) : evidence.files.data.length === 0 ? (
        <EmptyState title="Inga underlag">Inga filer är bifogade ännu.</EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Bifogade filer">
          {evidence.files.data.map((file) => (
            <EvidenceRow
              key={file.id}
              file={file}
              path={path}
              writable={writable}
              onDownload={() => void evidence.download(file)}
              onRemoved={() => evidence.removed(file)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
