// Doubles the text size the way a browser setting does (the root font size, which every rem follows) and answers
// { scale, problems }: sideways scrolling, and text cut off by an element that hides its overflow (ACCEPTANCE 7).
() => {
  const problems = [];
  const root = document.documentElement;
  const bodySize = () => parseFloat(getComputedStyle(document.body).fontSize);
  const before = bodySize();
  root.style.fontSize = "200%";
  const scale = bodySize() / before;

  if (root.scrollWidth > root.clientWidth) problems.push(`scrolls sideways: ${root.scrollWidth} px wide in ${root.clientWidth} px`);
  const clips = (value) => value === "hidden" || value === "clip";
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".visually-hidden")) continue;
    const style = getComputedStyle(el);
    if (!clips(style.overflowX) && !clips(style.overflowY)) continue;
    if (el.clientWidth === 0 || el.clientHeight === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      problems.push(`clipped: ${el.scrollWidth}×${el.scrollHeight} px of content in ${el.clientWidth}×${el.clientHeight} px: `
        + el.outerHTML.replace(/\s+/g, " ").slice(0, 140));
    }
  }
  return { scale, problems };
}
