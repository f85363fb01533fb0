// Small pieces both directory pages show: a recipient's domains, and what a person types as it is.
import type { ReactNode } from "react";

/** In a hint, what the person types as it is (a domain, a channel line's keywords): code, in its own language. */
export const example = (chunks: ReactNode[]) => <code lang="en">{chunks}</code>;

/** Domains are names, not words: each its own item, so a list of them is never read as a sentence. */
export function Domains({
  domains,
  suffix,
}: {
  domains: readonly string[];
  suffix?: (d: string) => ReactNode;
}) {
  return (
    <span>
      {domains.map((d, i) => (
        <span key={d}>
          {i ? ", " : null}
          <span translate="no">{d}</span>
          {suffix?.(d)}
        </span>
      ))}
    </span>
  );
}
