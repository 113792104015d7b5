/** English: the admin page for the organisation's closing days (see `da-closing-days.ts`). */
import type { ClosingDaysMessages } from "./da-closing-days.js";

export const enClosingDays: ClosingDaysMessages = {
  "closing.title": "Closing days",
  "closing.intro":
    "Closing days are days beyond the public holidays on which the organisation is closed (e.g. 5 June, 24 and 31 December). Deadlines in working days skip them, and a deadline that falls on a closing day moves to the next working day. Deadlines already computed do not change.",
  "closing.none": "There are no closing days.",
  "closing.list": "Closing days",
  "closing.day": "Day",
  "closing.remove": "Remove {date}",
  "closing.add": "Add a closing day",
  "closing.add.hint": "Write the date as YYYY-MM-DD, e.g. 2027-06-05. The day cannot be in the past.",
  "closing.add.button": "Add",
  "closing.added": "{date} is now a closing day.",
  "closing.removed": "{date} is no longer a closing day.",
  "closing.error.format": "{value} is not a date. Write it as YYYY-MM-DD, e.g. 2027-06-05.",
  "closing.error.past": "{value} is in the past. Only today or later can be a closing day.",
  "closing.error.required": "Write the date that is to be a closing day.",
};
