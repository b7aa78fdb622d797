import { Toast, Toaster, ToastTitle, useId, useToastController } from "@fluentui/react-components";
import { useEffect } from "react";

/**
 * The toasts that confirm a save. Its own chunk, loaded just after the first
 * view: nothing is saved before the person has seen a screen.
 */
export function Notifications({
  onReady,
}: {
  onReady: (notify: ((message: string) => void) | undefined) => void;
}) {
  const toasterId = useId("toaster");
  const { dispatchToast } = useToastController(toasterId);
  useEffect(() => {
    onReady((message) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{message}</ToastTitle>
        </Toast>,
        { intent: "success", timeout: 5000 },
      ),
    );
    return () => onReady(undefined);
  }, [onReady, dispatchToast]);
  return <Toaster toasterId={toasterId} position="top-end" />;
}
