// TextField passes the standard input props through to its <input> and keeps its own label and aria wiring.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TextField } from "./forms";

function inputOf(html: string) {
  const match = html.match(/<input[^>]*>/);
  if (!match) throw new Error(`no <input> in ${html}`);
  return match[0];
}

describe("TextField", () => {
  it("passes inputMode and other standard input props to the input", () => {
    const input = inputOf(
      renderToStaticMarkup(
        <TextField
          name="phone"
          label="Phone"
          type="tel"
          inputMode="tel"
          placeholder="+82 10 0000 0000"
          maxLength={40}
          spellCheck={false}
          pattern="[0-9+ ]+"
          autoComplete="tel"
          required
          defaultValue="+82"
        />,
      ),
    );
    expect(input).toContain('inputMode="tel"');
    expect(input).toContain('placeholder="+82 10 0000 0000"');
    expect(input).toContain('maxLength="40"');
    expect(input).toContain('spellcheck="false"');
    expect(input).toContain('pattern="[0-9+ ]+"');
    expect(input).toContain('autoComplete="tel"');
    expect(input).toContain('required=""');
    expect(input).toContain('value="+82"');
    expect(input).toContain('type="tel"');
  });

  it("keeps the label, hint and error wiring its own", () => {
    const html = renderToStaticMarkup(
      <TextField name="email" label="Email" hint="We write only here." errors={["Enter an email."]} />,
    );
    const input = inputOf(html);
    expect(html).toContain('<label for="f-email">Email</label>');
    expect(input).toContain('id="f-email"');
    expect(input).toContain('name="email"');
    expect(input).toContain('type="text"');
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="f-email-hint f-email-error"');
  });
});
