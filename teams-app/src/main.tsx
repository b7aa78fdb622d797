import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { opensOnOverview } from "./App.tsx";
import { Root } from "./Root.tsx";
import { preloadOverview } from "./shell/AppShell.tsx";

// Översikt's code loads while React starts, Teams answers and /api/me is asked.
if (opensOnOverview()) preloadOverview();

const element = document.getElementById("root");
if (element) {
  createRoot(element).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
