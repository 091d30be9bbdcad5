import { asProse } from './text-tokens.js';

const questionStarts = new Set(['what', 'how', 'why', 'when', 'where', 'who', 'which', 'should', 'do', 'does', 'did', 'is', 'are', 'shall']);
const colonStarts = new Set(["let's", 'lets', 'please', 'can', 'could', 'would', 'will', 'what', 'how', 'why', 'when', 'where', 'who', 'should', 'do', 'does', 'did', 'is', 'are', 'go', 'make', 'send', 'get']);
const proposalCues = ["we should", "let's", 'lets', 'how about', 'what if', 'i suggest', 'i propose', 'we could', 'maybe we', 'i think we should'];
const decisionCues = ['we decided', 'we agreed', "we've decided", "we've agreed", "let's go with", "we'll go with", 'we will go with'];
const requestCues = ['can you', 'could you', 'would you', 'please'];
const commitmentCues = ["i'll", 'i will', "i'm going to", 'i am going to'];

/** How a turn reads in reported speech: "Alice proposed that we …", "Bob asked: how …?". */
export function attributed(name: string, quote: readonly string[]): string {
  const text = ` ${quote.join(' ')} `;
  const has = (cues: readonly string[]) => cues.some((c) => text.includes(` ${c} `));
  const body = asProse(quote);
  const lower = body.length > 0 ? `${body[0]?.toLowerCase() ?? ''}${body.slice(1)}` : body;
  // "that" only reads well before a clause with its own subject; imperatives and questions get a colon.
  const that = colonStarts.has(quote[0] ?? '') ? `: ${body}` : ` that ${lower}`;
  if (has(decisionCues)) return `${name} confirmed${that}.`;
  if (has(requestCues)) return `${name} asked: ${body}${quote[0] === 'please' ? '.' : '?'}`;
  if (has(commitmentCues)) return `${name} offered: ${body}.`;
  if (has(proposalCues)) return `${name} proposed${that}.`;
  if (questionStarts.has(quote[0] ?? '')) return `${name} asked: ${body}?`;
  return `${name} said${that}.`;
}
