// The technician's progress on a visit's day, as the dashboard and My bookings say it: "Luis is on the
// way, arriving about 10:40 AM", "Luis has arrived". From the appointment's `visit_status` and `eta`
// (set by the company's software); nothing before the technician sets off, or once the visit is done.
import { h } from "./dom.js";
import { clockTime } from "./format.js";

/** The sentence for a visit ({technician_name, visit_status, eta}), or null. */
export function visitProgressText(visit) {
  const first = typeof visit?.technician_name === "string" ? visit.technician_name.trim().split(/\s+/)[0] : "";
  const who = first || "Your technician";
  if (visit?.visit_status === "en_route") return visit.eta ? `${who} is on the way, arriving about ${clockTime(visit.eta)}` : `${who} is on the way`;
  if (visit?.visit_status === "arrived") return `${who} has arrived`;
  return null;
}

/** The sentence as a highlighted line, or null. */
export function visitProgress(visit) {
  const text = visitProgressText(visit);
  return text ? h("p", { class: "visit-progress" }, text) : null;
}
