import { Link, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { ReportMade } from "../types.ts";

/** The confirmation after a draft is made, with the way to open it in Word. */
export function DraftMade({ made }: { made: ReportMade }) {
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        {made.message} {made.path}.{" "}
        <Link href={made.report.webUrl} target="_blank" rel="noopener">
          Öppna i Word
        </Link>
      </MessageBarBody>
    </MessageBar>
  );
}
