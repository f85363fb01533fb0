// Well-known platforms by registrable domain, for grouping a case's exposures. The recipient directory
// (app/recipients) names the legal entity and channels; this is only the short, public platform key.
const PLATFORMS: Record<string, { key: string; name: string }> = {};
const add = (key: string, name: string, domains: string[]) => {
  for (const d of domains) PLATFORMS[d] = { key, name };
};
add("telegram", "Telegram", ["t.me", "telegram.me", "telegram.org", "telegra.ph"]);
add("x", "X (Twitter)", ["x.com", "twitter.com", "t.co"]);
add("facebook", "Facebook", ["facebook.com", "fb.com", "fb.me"]);
add("instagram", "Instagram", ["instagram.com"]);
add("threads", "Threads", ["threads.net", "threads.com"]);
add("whatsapp", "WhatsApp", ["whatsapp.com", "wa.me"]);
add("youtube", "YouTube", ["youtube.com", "youtu.be"]);
add("google", "Google", [
  "google.com",
  "google.de",
  "google.fr",
  "google.co.uk",
  "google.co.kr",
  "google.nl",
  "google.be",
  "google.ie",
]);
add("bing", "Bing", ["bing.com"]);
add("reddit", "Reddit", ["reddit.com", "redd.it"]);
add("pastebin", "Pastebin", ["pastebin.com"]);
add("discord", "Discord", ["discord.com", "discord.gg", "discordapp.com"]);
add("tiktok", "TikTok", ["tiktok.com"]);
add("vk", "VK", ["vk.com"]);

export function platformForDomain(domain: string | null) {
  return domain ? (PLATFORMS[domain] ?? null) : null;
}

export function platformName(key: string | null) {
  if (!key) return null;
  return Object.values(PLATFORMS).find((p) => p.key === key)?.name ?? key;
}
