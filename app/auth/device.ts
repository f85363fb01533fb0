// Turns a browser's user-agent string into a short, readable device name ("Firefox on Windows").
// Pure and dependency-free: it only has to tell the user's own devices apart, not identify every browser.

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bCriOS\/|\bChrome\/|\bHeadlessChrome\/|\bChromium\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/\bcurl\//, "curl"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

/** The browser's and the system's names (products, the same in every language), as far as they are known. */
export function deviceParts(userAgent: string | null | undefined): { browser?: string; system?: string } {
  if (!userAgent) return {};
  return {
    browser: BROWSERS.find(([re]) => re.test(userAgent))?.[1],
    system: SYSTEMS.find(([re]) => re.test(userAgent))?.[1],
  };
}

/** The device in English words (the account page writes deviceParts in the page's language). */
export function describeDevice(userAgent: string | null | undefined): string {
  const { browser, system } = deviceParts(userAgent);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : "Unknown device");
}
