// The hard-case corpus for the tokenizer tests. Each case has a name and either `text`, or `repeat` + `count`
// (the test rebuilds the string), or `utf16` (an array of UTF-16 code units, for lone surrogates, which JSON
// readers may refuse).
"use strict";

const fixed = [
  // white space
  ["spaces between words", "a  b   c    d"],
  ["tab mix", "a \t b\t\tc \t"],
  ["crlf", "line one\r\nline two\r\n"],
  ["blank crlf lines", "a\r\n\r\n\r\nb"],
  ["space newline space", " \n \n x"],
  ["lone cr", "a\rb\r\r\nc \r"],
  ["leading tabs", "\t\t\tx"],
  ["nel", "  \u0085 x\u0085y \u0085\n"],
  ["nbsp", "\u00A0x x\u00A0\u00A0y 100\u00A0%"],
  ["bom", "\uFEFFhello \uFEFF world\uFEFF"],
  ["ideographic space", "a\u3000b\u3000\u3000c"],
  ["line and paragraph separators", "a\u2028b\u2029 c"],
  ["narrow nbsp and thin spaces", "10\u202Fkm \u2009x\u200Ay"],
  ["trailing spaces", "abc   "],
  ["leading spaces", "   abc"],
  ["only newlines", "\n\n\n"],
  ["spaces and crlf", "  \r\n  \r\n  z"],
  ["x space newline", "x \n"],
  ["vertical tab form feed", "a\u000Bb\u000Cc"],
  ["file separator is not space", "a\u001Cb\u001F c"],
  ["zero width", "a\u200Bb\u2060c\u180Ed"],
  ["only spaces", "     "],
  ["single space", " "],
  ["empty", ""],
  // contractions
  ["contractions lower", "I'm sure you're right, they've said we'll go and he'd know; don't."],
  ["contractions upper", "I'M SURE YOU'RE RIGHT, THEY'VE SAID WE'LL GO AND HE'D KNOW; DON'T."],
  ["contractions mixed case", "You'Re They'vE We'lL He'D it'S don'T"],
  ["contraction alone", "'s 't 're 've 'm 'll 'd 'x"],
  ["tis", "'tis the season"],
  ["long s", "it\u017F 'ſ x'ſa"],
  ["apostrophes", "rock'n'roll O'Neil l'avion ma'am ''' '"],
  ["contraction chain", "'ll'll'll x'S'T"],
  ["curly apostrophe", "don\u2019t it\u2019s"],
  // numbers
  ["digit runs", "1 12 123 1234 12345 1234567 12345678901234567890"],
  ["decimals", "3.14159 1,000,000 -42 +7e10 0x1F"],
  ["fullwidth digits", "\uFF12\uFF10\uFF12\uFF14\u5E74"],
  ["arabic indic digits", "\u0663\u0664\u0665\u0666"],
  ["fractions roman", "\u00BC\u00BD \u216B \u2460\u2461"],
  ["math digits astral", "\u{1D7CE}\u{1D7CF}\u{1D7D0}\u{1D7D1}x"],
  ["letters and digits", "x1y22z333w4444"],
  // scripts
  ["chinese", "你好，世界！这是一个测试。"],
  ["japanese", "日本語のテキストです。カタカナ、ひらがな"],
  ["korean", "한국어 텍스트입니다"],
  ["cjk extension b", "\u{20000}\u{20001}\u{20002} \u{2A6A5}\u{2B740}"],
  ["arabic", "مرحبا بالعالم، كيف حالك؟"],
  ["hindi", "नमस्ते दुनिया क्षत्रिय"],
  ["thai", "สวัสดีชาวโลก ภาษาไทย"],
  ["hebrew", "שלום עולם"],
  ["greek", "ΑΒΓ αβγ Ελληνικά"],
  ["cyrillic", "Привет МИР ПривЕТ"],
  ["accents", "Iñtërnâtiônàlizætiøn ÀÉÎÕÜ"],
  ["titlecase letters", "ǅungla ǅ ǈ ᾈᾉ"],
  ["modifier letters", "ʰʲʷ aʰb ˈhɛloʊ"],
  // emoji
  ["emoji", "👍 😀😃😄 ❤️ 🇫🇷🇩🇪"],
  ["emoji skin tones", "👍🏽👋🏿🧑🏻‍💻"],
  ["emoji zwj", "👨‍👩‍👧‍👦 🏳️‍🌈 👩‍❤️‍💋‍👨"],
  ["emoji after word", "great👍job"],
  // combining marks
  ["combining acute", "e\u0301 Cafe\u0301 CAFE\u0301"],
  ["leading mark", "\u0301abc"],
  ["stacked marks", "a\u0300\u0301\u0302\u0303"],
  ["zalgo", "z̴̡̢̛̖̗͓̩͓̥͇̤̹͉̦͎̈́͗̈́͊̿̒̀̌͂̾͝a̶l̶g̶o̶"],
  ["mark after space", " \u0301x \u0301"],
  ["mark after digit", "1\u0301 2\u0301a"],
  ["marks then upper", "\u0301\u0301A"],
  ["punct mark letter", "!\u0301a ?\u0301B"],
  ["upper mark upper", "A\u0301B A\u0301b"],
  ["spacing mark", "\u0915\u0903 \u0903x"],
  ["enclosing mark", "1\u20E3 a\u20DD"],
  // math alphanumerics
  ["math bold", "\u{1D400}\u{1D401}\u{1D402} \u{1D41A}\u{1D41B}\u{1D41C}"],
  ["math script fraktur", "\u{1D4B3} \u{1D518}\u{1D52B}\u{1D526}"],
  ["math bold mixed case", "\u{1D400}\u{1D41A}\u{1D401}\u{1D41B}'s"],
  // case shapes
  ["case shapes", "ABCdef abcDEF HeLLo mixedCASEWords HTTPServerError iPhone"],
  ["upper with contraction", "ABC'S JOHN'S"],
  ["snake and scream", "foo_bar_baz SCREAMING_CASE __init__"],
  // code
  ["csharp", "public sealed class Foo\n{\n    public int Bar(string x) => x.Length; // comment\n}\n"],
  ["python", "def f(x):\n\tif x != 0:\n\t\treturn x ** 2\n    return None\n"],
  ["json", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi!\"},{\"role\":\"assistant\",\"content\":null}]}"],
  ["html", "<div class=\"a\">\n  <p>Hello</p>\n</div>\n<br/>"],
  ["regex", "^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+)$"],
  ["operators", "x+=1;//c a->b a::b i++ --j a<=b a!==b"],
  ["paths", "path/to/file.txt C:\\Users\\x a/b//c///d /\n/ x/\n"],
  ["slash newline", "a/\n!!/\r\n://"],
  ["markdown", "# Title\n\n- item **bold** _it_\n\n```cs\nvar x = 1;\n```\n"],
  // urls
  ["url", "https://example.com/path/to?query=1&b=2#frag"],
  ["email", "mailto:someone@example.org, x.y+z@sub.domain.co.uk"],
  // special tokens as text
  ["endoftext", "<|endoftext|>"],
  ["endoftext in sentence", "Hello <|endoftext|> world<|endofprompt|>"],
  ["fim tokens", "<|fim_prefix|>a<|fim_middle|>b<|fim_suffix|>"],
  ["chatml-like", "<|im_start|>user\nhi<|im_end|>"],
  // misc
  ["replacement char", "\uFFFD x\uFFFD"],
  ["private use", "\uE000\u{F0000}"],
  ["unassigned astral", "\u{E0001}\u{E0020}"],
  ["ascii printable", Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("")],
  ["latin1", Array.from({ length: 96 }, (_, i) => String.fromCharCode(160 + i)).join("")],
];

const repeats = [
  ["x", 10000], ["a", 10000], [" ", 10000], ["\n", 10000], ["\r\n", 5000], ["1", 10000], ["😀", 10000],
  ["ab", 5000], [".", 10000], ["é", 10000], ["A", 10000], ["\t", 10000], ["你", 10000], ["\u0301", 10000],
  ["x ", 5000], ["<|endoftext|>", 700], ["\u{1D400}", 5000], ["aB", 5000], ["!/", 5000],
];

const loneSurrogates = [
  ["lone high", [0xD800]],
  ["lone low", [0xDC00]],
  ["low then high", [0xDC00, 0xD800]],
  ["lone high inside word", [0x61, 0xD800, 0x62]],
  ["lone high before letters", [0xD83D, 0x61, 0x62, 0x63]],
  ["lone low after space", [0x20, 0xDC00, 0x41]],
  ["word then lone high", [0x78, 0x79, 0xD83D]],
  ["valid pair then lone low", [0xD83D, 0xDE00, 0xDE00]],
];

// Random strings over a pool of the characters that matter for splitting (seeded, so the corpus is stable).
function mulberry32(seed) {
  return function () {
    seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pool = [
  "a", "b", "e", "s", "t", "r", "v", "l", "m", "d", "x", "A", "S", "T", "R", "E", "L", "D", "Z",
  "'", "'", "'", "\u017F", " ", " ", " ", "  ", "\t", "\r", "\n", "\r\n", "\u0085", "\u00A0", "\uFEFF", "\u3000",
  "0", "1", "9", "\u0663", "\u00BD", "\u{1D7CE}", ".", ",", "!", "?", "/", "//", "-", "_", "(", ")", "{", "\"", "<|", "|>",
  "é", "\u0301", "\u0903", "\u20DD", "ǅ", "ʰ", "ß", "Ω", "ω", "你", "の", "한", "ا", "न", "्", "ก", "\u{20000}",
  "\u{1D400}", "\u{1D41A}", "😀", "👍🏽", "\u200D", "🇫", "\uFFFD", "\u200B", "\u001C", "<|endoftext|>", "don't", "HTTP",
];

function randomCases(count, seed) {
  const rnd = mulberry32(seed);
  const cases = [];
  for (let n = 0; n < count; n++) {
    const len = Math.floor(rnd() * 40);
    let s = "";
    for (let k = 0; k < len; k++) s += pool[Math.floor(rnd() * pool.length)];
    cases.push({ name: `random ${n}`, text: s });
  }
  return cases;
}

function cases() {
  const all = [];
  for (const [name, text] of fixed) all.push({ name, text });
  for (const [unit, count] of repeats) all.push({ name: `repeat ${JSON.stringify(unit)} x${count}`, repeat: unit, count });
  for (const [name, utf16] of loneSurrogates) all.push({ name, utf16 });
  all.push(...randomCases(1200, 20261122));
  return all;
}

module.exports = { cases };
