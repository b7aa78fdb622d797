import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Skeleton,
  SkeletonItem,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { ApiError } from "../api.ts";
import { useApp } from "../app-context.ts";
import type { CommitteeSummary } from "../types.ts";

const useStyles = makeStyles({
  skeleton: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "720px" },
  empty: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalXXL,
    justifyItems: "start",
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
  },
});

export function LoadingSkeleton({
  label = "Laddar …",
  visible = false,
}: {
  label?: string;
  /** Shows the label as text too (a wait the person should know about). */
  visible?: boolean;
}) {
  const styles = useStyles();
  return (
    <div role="status" aria-live="polite" aria-label={label} className={styles.skeleton}>
      {visible ? <Text aria-hidden="true">{label}</Text> : null}
      <Skeleton aria-hidden="true">
        <SkeletonItem size={24} />
        <SkeletonItem size={16} />
        <SkeletonItem size={16} />
        <SkeletonItem size={16} />
      </Skeleton>
    </div>
  );
}

/**
 * A failed load or action. "Försök igen" only where trying again can help
 * (not for a missing permission or a thing that does not exist); `action`
 * offers the way on instead, e.g. back to the list.
 */
export function ErrorMessage({
  error,
  onRetry,
  action,
}: {
  error: ApiError;
  onRetry?: (() => void) | undefined;
  action?: ReactNode;
}) {
  const retry = onRetry && error.status !== 403 && error.status !== 404;
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{error.problem.title}</MessageBarTitle>
        {error.problem.detail}
      </MessageBarBody>
      {retry || action ? (
        <MessageBarActions>
          {action}
          {retry ? <Button onClick={onRetry}>Försök igen</Button> : null}
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.empty}>
      <Text weight="semibold">{title}</Text>
      <Text>{children}</Text>
      {action}
    </div>
  );
}

/** A screen that needs a nämnd, without one: why, and what helps. */
export function NoCommittee() {
  const { committeeProblem, me } = useApp();
  if (committeeProblem)
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Ingen behörighet till teamets nämnd</MessageBarTitle>
          {committeeProblem}
        </MessageBarBody>
      </MessageBar>
    );
  return (
    <EmptyState title="Ingen nämnd">
      {me.committees.length > 0
        ? "Välj en nämnd i listan Nämnd överst på sidan."
        : "Du har ännu ingen behörighet till någon nämnd. Be nämndens sekreterare lägga till dig i nämndens team."}
    </EmptyState>
  );
}

/** Instead of a greyed-out form: the person may read, not change. */
export function ReadOnlyNotice({ committee }: { committee: Pick<CommitteeSummary, "name"> }) {
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Du har läsbehörighet</MessageBarTitle>
        Du kan läsa uppgifterna i {committee.name} men inte ändra dem.
      </MessageBarBody>
    </MessageBar>
  );
}
