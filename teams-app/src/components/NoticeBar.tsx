import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { SaveNotice } from "../hooks/use-etag-save.ts";

/** What saving a form said, as a message bar: an error is announced at once, the rest politely. */
export function NoticeBar({ notice }: { notice: SaveNotice }) {
  return (
    <MessageBar
      intent={notice.intent}
      layout="multiline"
      role={notice.intent === "error" ? "alert" : "status"}
    >
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle>
        {notice.text}
      </MessageBarBody>
    </MessageBar>
  );
}
