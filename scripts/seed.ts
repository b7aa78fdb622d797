/**
 * `npm run seed`: loads the demonstration data (local mode) after making sure
 * the schema exists. Does nothing if nämnder already exist.
 */
import { seedDemoData } from "../api/src/demo/seed.ts";
import { swedishDate } from "../api/src/domain/dates.ts";
import { AppStore } from "../api/src/store/app-store.ts";
import { provision } from "../api/src/store/provisioning.ts";
import { connect, runScript } from "./graph-connection.ts";

await runScript(async () => {
  const connection = await connect();
  try {
    if (connection.config.mode === "tenant") {
      throw new Error("Demodata läses bara in i lokalt läge, aldrig i en riktig klient.");
    }
    await provision(connection.access, connection.siteRef);
    const result = await seedDemoData(new AppStore(connection.access, connection.siteRef), {
      today: swedishDate(new Date()),
      createDirectory: true,
    });
    console.log(
      result.seeded
        ? `Demodata inläst: ${Object.entries(result.counts)
            .map(([what, count]) => `${count} ${what}`)
            .join(", ")}`
        : "Demodata finns redan (nämnder finns); inget ändrat.",
    );
  } finally {
    await connection.close();
  }
});
