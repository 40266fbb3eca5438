// Writes a mixed-script chat JSONL file of about SIZE_MB megabytes (default 100) to the given path. Deterministic
// (seeded), so every run of the benchmark counts the same text. Avoids U+0085 and U+FEFF, the two characters
// on which the JavaScript tokenizers disagree with tiktoken by design.
// Usage: node gen-chat-jsonl.js /tmp/chat.jsonl [SIZE_MB]
"use strict";
const fs = require("fs");

const target = process.argv[2];
const sizeMb = Number(process.argv[3] || 100);
if (!target) { console.error("usage: node gen-chat-jsonl.js FILE [SIZE_MB]"); process.exit(2); }

let seed = 1234567;
function rnd() {
  seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];

const english = ("the customer asked whether their order could be shipped before Friday and I explained that our " +
  "warehouse processes requests within two business days however expedited delivery is available for an extra fee " +
  "please confirm the address you'd like us to use and we'll update the invoice accordingly it's been a pleasure " +
  "helping you today don't hesitate to reach out again Refund Policy International Shipping Tracking Number").split(" ");
const french = "bonjour merci beaucoup pour votre commande nous avons bien reçu votre paiement la livraison est prévue demain".split(" ");
const german = "Guten Tag vielen Dank für Ihre Bestellung Die Lieferung erfolgt voraussichtlich übermorgen Grüße".split(" ");
const russian = "Здравствуйте спасибо за ваш заказ доставка будет завтра пожалуйста подтвердите адрес".split(" ");
const chinese = ["您好", "感谢您的订单", "我们已经收到您的付款", "预计明天发货", "请确认您的地址", "谢谢"];
const japanese = ["こんにちは", "ご注文ありがとうございます", "明日発送予定です", "住所をご確認ください"];
const arabic = "مرحبا شكرا لطلبك سيتم الشحن غدا يرجى تأكيد العنوان".split(" ");
const hindi = "नमस्ते आपके ऑर्डर के लिए धन्यवाद डिलीवरी कल होगी कृपया पता पुष्टि करें".split(" ");
const emoji = ["👍", "😀", "🚚", "📦", "✅", "👨‍👩‍👧", "👍🏽", "🇩🇪"];
const code = [
  "```csharp\nvar total = items.Sum(i => i.Price * i.Quantity);\nConsole.WriteLine($\"Total: {total:C}\");\n```",
  "```python\ndef refund(order_id: str) -> bool:\n    return api.post(f\"/orders/{order_id}/refund\").ok\n```",
  "{\"order_id\": \"A-1029\", \"status\": \"shipped\", \"eta\": \"2026-11-24\"}",
];

function sentence() {
  const r = rnd();
  let words;
  if (r < 0.55) words = Array.from({ length: 6 + Math.floor(rnd() * 20) }, () => pick(english));
  else if (r < 0.63) words = Array.from({ length: 8 + Math.floor(rnd() * 10) }, () => pick(french));
  else if (r < 0.70) words = Array.from({ length: 8 + Math.floor(rnd() * 10) }, () => pick(german));
  else if (r < 0.77) words = Array.from({ length: 6 + Math.floor(rnd() * 10) }, () => pick(russian));
  else if (r < 0.83) return Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => pick(chinese)).join("，") + "。";
  else if (r < 0.87) return Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(japanese)).join("、") + "。";
  else if (r < 0.90) words = Array.from({ length: 5 + Math.floor(rnd() * 8) }, () => pick(arabic));
  else if (r < 0.93) words = Array.from({ length: 5 + Math.floor(rnd() * 8) }, () => pick(hindi));
  else if (r < 0.97) return pick(code);
  else return `Order #${Math.floor(rnd() * 1e6)} costs $${(rnd() * 1000).toFixed(2)} ${pick(emoji)}`;
  let s = words.join(" ");
  s = s[0].toUpperCase() + s.slice(1) + pick([".", "!", "?", ".", "."]);
  if (rnd() < 0.2) s += " " + pick(emoji);
  return s;
}

function paragraph(n) { return Array.from({ length: n }, sentence).join(rnd() < 0.3 ? "\n\n" : " "); }

const out = fs.openSync(target, "w");
const limit = sizeMb * 1024 * 1024;
let written = 0;
let lines = 0;
const batch = [];
while (written < limit) {
  const messages = [{ role: "system", content: "You are a helpful, concise support assistant for an online shop." }];
  const turns = 1 + Math.floor(rnd() * 3);
  for (let t = 0; t < turns; t++) {
    messages.push({ role: "user", content: paragraph(1 + Math.floor(rnd() * 3)) });
    messages.push({ role: "assistant", content: paragraph(2 + Math.floor(rnd() * 6)) });
  }
  const line = JSON.stringify({ messages }) + "\n";
  batch.push(line);
  written += Buffer.byteLength(line);
  lines++;
  if (batch.length >= 1000) { fs.writeSync(out, batch.join("")); batch.length = 0; }
}
fs.writeSync(out, batch.join(""));
fs.closeSync(out);
console.error(`wrote ${lines} lines, ${(written / 1048576).toFixed(1)} MB to ${target}`);
