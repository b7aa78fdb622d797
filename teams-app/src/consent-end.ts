/**
 * The end of Teams' consent window (tenant mode): Entra ID returns here after
 * the person consented (or refused), and Teams is told, which closes the
 * window and lets the tab ask for its token again.
 */
import { app, authentication } from "@microsoft/teams-js";

const params = new URLSearchParams(window.location.search);
const message = document.getElementById("message");
const error = params.get("error");

app.initialize().then(
  () => {
    if (error) authentication.notifyFailure(params.get("error_description") ?? error);
    else authentication.notifySuccess();
    if (message) message.textContent = "Klart. Fönstret stängs.";
  },
  () => {
    if (message)
      message.textContent = error
        ? "Medgivandet gavs inte. Stäng fönstret och försök igen i Teams."
        : "Medgivandet är registrerat. Stäng fönstret och gå tillbaka till Teams.";
  },
);
