// Read an iCalendar file with Mozilla's ical.js, the parser Thunderbird uses, and print
// what a calendar shows as JSON: the calendar's name and, per event, uid, start and end
// in UTC (ISO 8601), summary, location and description.
// Usage: node read_ics.mjs FILE.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const utc = (time) => time.toJSDate().toISOString().replace(".000Z", "Z");
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    start: utc(event.startDate),
    end: utc(event.endDate),
    summary: event.summary,
    location: event.location,
    description: event.description,
  };
});
process.stdout.write(
  JSON.stringify({ name: calendar.getFirstPropertyValue("x-wr-calname"), events }, null, 2) + "\n",
);
