import { Link, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { Ref } from "react";
import type { ApiError } from "../../api.ts";
import type { FieldError } from "./fields.ts";
import { useRecordFormStyles } from "./RecordForm.styles.ts";

/**
 * A refused save, at the top of the form: what went wrong and a link to each
 * field in error. It takes the focus, so it is read out and scrolled into view.
 */
export function ErrorSummary({
  problem,
  errors,
  labelOf,
  onGoTo,
  summaryRef,
}: {
  problem: ApiError;
  errors: FieldError[];
  labelOf: (field: string) => string | undefined;
  onGoTo: (field: string) => void;
  summaryRef: Ref<HTMLDivElement>;
}) {
  const styles = useRecordFormStyles();
  return (
    <div ref={summaryRef} tabIndex={-1} className={styles.summary}>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{problem.problem.title}</MessageBarTitle>
          {problem.problem.detail}
          {errors.length > 0 ? (
            <ul className={styles.summaryList}>
              {errors.map((error) => {
                const label = labelOf(error.field);
                return (
                  <li key={`${error.field}|${error.message}`}>
                    {label ? (
                      <Link onClick={() => onGoTo(error.field)}>
                        {label}: {error.message}
                      </Link>
                    ) : (
                      error.message
                    )}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
