const day = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const period = '(?:day|week|month|quarter|year|sprint)';
const count = '(?:a|one|two|three|four|five|six|a couple of|a few|\\d+)';

// Longest alternatives first: "by the end of next week" must win over "next week".
const deadlinePattern = new RegExp(
  [
    `by (?:the )?end of (?:the |this |next )?${period}`,
    `by (?:next |this )?${day}(?: morning| afternoon| evening)?`,
    `by (?:tomorrow|tonight|today)(?: morning| afternoon| evening)?`,
    `by (?:next|this) ${period}`,
    `by (?:the )?next meeting`,
    `before (?:the )?next meeting`,
    `before ${day}`,
    `(?:at the )?end of (?:the |this |next )?${period}`,
    `(?:within|in) ${count} (?:days?|weeks?|months?)`,
    `next ${day}`,
    `next ${period}`,
    `(?:this|on) ${day}`,
    `this (?:week|afternoon|evening|month)`,
    `tomorrow(?: morning| afternoon| evening)?`,
    'tonight',
  ]
    .map((p) => `\\b${p}\\b`)
    .join('|'),
);

/** A deadline as it was said ("by friday", "end of month"), and where it sits in `text`. */
export function findDeadline(text: string): { phrase: string; index: number } | undefined {
  const match = deadlinePattern.exec(text);
  return match === null ? undefined : { phrase: match[0], index: match.index };
}
