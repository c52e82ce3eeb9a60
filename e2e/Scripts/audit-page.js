// Checks the page as it is laid out now against ACCEPTANCE 2, 3, 4, 5, 7, 8 and 12 and answers { title, problems }.
// Called with { language, dir, organisation, failed, errorPrefix, problemHeading }: failed is true for a form sent
// back with errors, whose title starts with errorPrefix and whose error summary is headed problemHeading (when known).
({ language, dir, organisation, failed, errorPrefix, problemHeading }) => {
  const problems = [];
  const text = (value) => (value || "").replace(/[\s\u00A0\u202F]+/g, " ").trim();
  const name = (el) => el.outerHTML.replace(/\s+/g, " ").slice(0, 140);
  const root = document.documentElement;

  // 2: the page language, and text in another language with its own.
  if (root.lang !== language) problems.push(`<html lang="${root.lang}">, expected "${language}"`);
  if (root.dir !== dir) problems.push(`<html dir="${root.dir}">, expected "${dir}"`);
  for (const el of document.querySelectorAll("[hreflang]")) {
    if (el.lang !== el.hreflang) problems.push(`a link to another language does not carry its lang: ${name(el)}`);
  }

  // 3: one h1, and the title "{h1} – {organisation}".
  const headings = document.querySelectorAll("h1");
  if (headings.length !== 1) problems.push(`${headings.length} h1 elements, expected exactly 1`);
  const h1 = headings.length ? text(headings[0].textContent) : "";
  const expectedTitle = `${failed ? errorPrefix : ""}${h1} – ${organisation}`;
  if (text(document.title) !== expectedTitle) problems.push(`title "${document.title}", expected "${expectedTitle}"`);

  // 12: the help block straight after <main>, and the page's regions one below the other.
  const main = document.querySelectorAll("main");
  const help = document.querySelectorAll("aside.help");
  if (main.length !== 1 || help.length !== 1) problems.push(`${main.length} main and ${help.length} aside.help, expected 1 of each`);
  else if (main[0].nextElementSibling !== help[0]) problems.push("the help block does not follow <main> directly");
  else if (!help[0].querySelector("h2") || !text(help[0].textContent)) problems.push("the help block has no heading or no text");
  const regions = ["header.brand-bar", "main", "aside.help", "footer.site-footer"].map((s) => [s, document.querySelector(s)]);
  for (let i = 0; i < regions.length; i++) {
    const [selector, el] = regions[i];
    if (!el) { problems.push(`no ${selector}`); continue; }
    const box = el.getBoundingClientRect();
    if (box.left < -0.5 || box.right > root.clientWidth + 0.5) problems.push(`${selector} sticks out sideways (${box.left}..${box.right} of ${root.clientWidth})`);
    const next = regions[i + 1] && regions[i + 1][1];
    if (next && box.bottom > next.getBoundingClientRect().top + 0.5) problems.push(`${selector} overlaps ${regions[i + 1][0]}`);
  }

  // 7: no sideways scrolling.
  if (root.scrollWidth > root.clientWidth) problems.push(`scrolls sideways: ${root.scrollWidth} px wide in ${root.clientWidth} px`);

  // 8: targets of 24×24 px, primary buttons 44×44. A link inside running text is exempt (WCAG 2.5.8, inline).
  for (const el of document.querySelectorAll("a[href], button")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (getComputedStyle(el).visibility === "hidden") continue;
    const parent = el.parentElement;
    const inline = el.tagName === "A" && parent && /^(P|LI)$/.test(parent.tagName) && text(parent.textContent) !== text(el.textContent);
    const least = el.classList.contains("button") ? 44 : inline ? 0 : 24;
    if (box.width < least - 0.01 || box.height < least - 0.01) {
      problems.push(`target ${Math.round(box.width * 10) / 10}×${Math.round(box.height * 10) / 10} px is under ${least}×${least}: ${name(el)}`);
    }
  }

  // 4: a failed form has an error summary with focus, one link per invalid field, and the same message at the field.
  if (failed) {
    const summary = document.querySelector("[data-error-summary]");
    const links = summary ? summary.querySelectorAll("a[href^='#']") : [];
    if (!summary) problems.push("sent back with errors, but without an error summary [data-error-summary]");
    else if (document.activeElement !== summary) problems.push(`the error summary does not have the focus; ${name(document.activeElement)} has`);
    if (summary && problemHeading && text((summary.querySelector("h2") || {}).textContent) !== problemHeading) {
      problems.push(`the error summary is not headed "${problemHeading}"`);
    }
    if (summary && links.length === 0) problems.push("the error summary links to no field");
    for (const link of links) {
      const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!field || !field.matches("input, select, textarea")) { problems.push(`the summary link ${name(link)} leads to no field`); continue; }
      if (field.getAttribute("aria-invalid") !== "true") problems.push(`no aria-invalid="true" on ${name(field)}`);
      // A group of radios or checkboxes is described on its fieldset.
      const described = field.getAttribute("aria-describedby") ? field : field.closest("fieldset[aria-describedby]");
      const messages = described ? described.getAttribute("aria-describedby").split(/\s+/).map((id) => document.getElementById(id)) : [];
      if (!messages.some((m) => m && text(m.textContent).includes(text(link.textContent)))) {
        problems.push(`the message "${text(link.textContent)}" is not at the field through aria-describedby: ${name(field)}`);
      }
    }
  }

  // 5: forms leave checking to the server.
  for (const form of document.querySelectorAll("form")) {
    if (!form.hasAttribute("novalidate")) problems.push(`form without novalidate: ${name(form)}`);
  }
  for (const el of document.querySelectorAll("input, select, textarea")) {
    for (const attribute of ["required", "pattern", "min", "max"]) {
      if (el.hasAttribute(attribute)) problems.push(`${attribute} on ${name(el)}`);
    }
  }
  return { title: text(document.title), problems };
}
