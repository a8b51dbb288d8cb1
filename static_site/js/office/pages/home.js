// The console's home ("/office"): who is signed in, with which role, and the areas it opens.
import { fill, h } from "../../dom.js";
import { AREA_LINKS } from "../nav.js";
import { ROLE_NAMES } from "../session.js";
import { BUILT } from "./coming-soon.js";

const ABOUT = {
  bookings: "The queue of booking requests and the week’s instant bookings.",
  customers: "Find a customer; their properties, history, invoices and messages.",
  invitations: "Invite customers to the portal and see who joined.",
  messages: "What was sent to whom, delivery status, and resending failed messages.",
  checklist: "What the portal needs before you invite everyone.",
  settings: "Branding, what customers see, booking, reminders and payments.",
  api_keys: "Keys for the company’s own software.",
  staff: "Who may sign in to this console, and with which role.",
  audit: "Every change made through the console or the company’s software.",
};

export async function render(main, ctx) {
  const { me } = ctx;
  ctx.setTitle("Office console");
  fill(
    main,
    h("h1", {}, `Hello, ${me.name}`),
    h("p", { class: "lead" }, `You are signed in to the office console as ${ROLE_NAMES[me.role] ?? me.role} (${me.email}).`),
    h("ul", { class: "cards", "aria-label": "What you can open" },
      me.areas.filter((area) => AREA_LINKS[area]).map((area) => {
        const [href, text] = AREA_LINKS[area];
        return h("li", { class: "card" },
          h("h2", {}, h("a", { href }, text)),
          h("p", {}, ABOUT[area]),
          !BUILT.has(area) && h("p", { class: "hint" }, "Coming soon: for now this is done through the admin API."));
      })),
  );
}
