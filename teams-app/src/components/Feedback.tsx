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

export function LoadingSkeleton({ label = "Laddar …" }: { label?: string }) {
  const styles = useStyles();
  return (
    <div role="status" aria-live="polite" aria-label={label} className={styles.skeleton}>
      <Skeleton aria-hidden="true">
        <SkeletonItem size={24} />
        <SkeletonItem size={16} />
        <SkeletonItem size={16} />
        <SkeletonItem size={16} />
      </Skeleton>
    </div>
  );
}

export function ErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{error.problem.title}</MessageBarTitle>
        {error.problem.detail}
      </MessageBarBody>
      {onRetry && error.status !== 403 ? (
        <MessageBarActions>
          <Button onClick={onRetry}>Försök igen</Button>
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
