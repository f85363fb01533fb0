// The quick-exit button: leaves for a neutral site at once and signs out.
// Without JavaScript it is a form that signs out and redirects; with JavaScript the page is replaced (so the
// back button does not return here) and the sign-out is sent in the background. Esc pressed twice does the same.
import { useEffect } from "react";
import { useT } from "~/i18n/i18n-context";

export function QuickExit({ url }: { url: string }) {
  const { t } = useT();
  useEffect(() => {
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      const now = Date.now();
      if (now - last < 800) leave(url);
      last = now;
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [url]);

  return (
    <form method="post" action="/exit" className="quick-exit">
      <button
        type="submit"
        className="button quick-exit-button"
        onClick={(e) => {
          e.preventDefault();
          leave(url);
        }}
      >
        {t("quickExit.button")}
      </button>
    </form>
  );
}

function leave(url: string) {
  try {
    navigator.sendBeacon("/exit?beacon=1");
  } catch {
    // Leaving matters more than signing out.
  }
  document.title = "";
  // Hide the page at once without touching React's nodes (removing them makes React throw mid-render).
  document.documentElement.classList.add("leaving");
  window.location.replace(url);
}
