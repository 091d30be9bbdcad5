// Function words plus what people say in meetings without meaning much by it
// (fillers, hedges, generic verbs), so keyword scoring is left with the words
// that say what the meeting was about. Dates and deadline words are here too:
// "friday" is never what a topic is about.
const words = `
a about above after again against all almost also although always am among an and another any anybody anyone anything
anyway anyways are aren't around as at away back be because been before being below between both but by can can't
cannot could couldn't did didn't do does doesn't doing don't done down during each either else enough even ever every
everybody everyone everything few for from further get gets getting go goes going gone got gotta had hadn't has hasn't
have haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm
i've if in into is isn't it it's its itself just kind kinda least less let let's lets like likely lot lots many may
maybe me might mine more most much must my myself need needs neither never no nobody none nor not nothing now of off
often oh ok okay on once one ones only or other others otherwise our ours ourselves out over own per perhaps please
pretty probably quite rather really right said same say saying says see seem seems she she'd she'll she's should
shouldn't since so some somebody someone something sometimes somewhat soon sort still such sure than that that's the
their theirs them themselves then there there's these they they'd they'll they're they've thing things think this
those though through thus to together too toward towards uh uhm um umm under until up upon us very via was wasn't way
we we'd we'll we're we've well were weren't what what's whatever when where where's whether which while who who's
whom whose why will with within without won't would wouldn't yeah yep yes yet you you'd you'll you're you've your
yours yourself yourselves mhm hmm huh alright cool great good nice fine thanks thank hey hi hello bye guys everybody
actually basically literally totally definitely certainly exactly obviously honestly simply already again
know knew want wanted wants make makes made making take takes took taking put puts give gives gave come comes came
look looks looking looked mean means meant guess suppose feel felt tell told ask asked talk talked talking thought
start started keep kept try tried trying use used using work works worked working sounds sound agree agreed decided
decide lets bit stuff whole part new old big small little last next first second third able
today tomorrow tonight yesterday week weeks month months year years day days morning afternoon evening time times
monday tuesday wednesday thursday friday saturday sunday end
ready works worked fine thing things stuff
zero two three four five six seven eight nine ten hundred thousand
`;

export const stopWords: ReadonlySet<string> = new Set(words.split(/\s+/).filter((w) => w.length > 0));
