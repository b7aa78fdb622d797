import { Link, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { ReportRecord } from "../types.ts";

/** What `POST /api/reports` answers: the draft's row, what happened, and where the file is. */
export interface Generated {
  report: ReportRecord;
  message: string;
  path: string;
}

/** The confirmation after a draft is made, with the way to open it in Word. */
export function DraftMade({ made }: { made: Generated }) {
  return (
    <MessageBar intent="success">
      <MessageBarBody>
        {made.message} {made.path}.{" "}
        <Link href={made.report.webUrl} target="_blank" rel="noopener">
          Öppna i Word
        </Link>
      </MessageBarBody>
    </MessageBar>
  );
}
