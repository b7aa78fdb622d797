/**
 * Who made a change. Every write to SharePoint is made with the app's own
 * identity (least privilege: no delegated write), so the person behind it is
 * written with the change itself, in the row's editor columns, and SharePoint's
 * version history keeps it.
 */
export interface Actor {
  /** Entra object id of the person, or a fixed id for the app's own services. */
  id: string;
  name: string;
  email: string;
}

/** The reminder service, writing its log of reminders on its own behalf. */
export const REMINDER_SERVICE: Actor = {
  id: "paminnelsetjansten",
  name: "Påminnelsetjänsten",
  email: "",
};

/** The demo data and other set-up the app does itself. */
export const APP_ITSELF: Actor = { id: "avtalsuppfoljning", name: "Avtalsuppföljning", email: "" };

/** A person's change made through the bot: the person is named, and the way it came. */
export function viaBot(person: { id: string; name: string; email: string }): Actor {
  return { id: person.id, name: `${person.name} (via boten)`, email: person.email };
}

/** The signed-in person behind an API request. */
export function actorOf(person: { userId: string; name: string; email: string }): Actor {
  return { id: person.userId, name: person.name, email: person.email };
}
