// Measures every SVG on the page as Chromium lays it out, and reports what is wrong:
// text outside its card (in a <g> whose first child is a <rect>, a text's card is
// the smallest <rect> of the group under the text's start point: a group may
// hold several badges, or a card and its accent strip), texts overlapping each
// other, and anything outside the canvas. The result goes into <pre id="result">.
(function () {
  const TOLERANCE = 0.75; // px: anti-aliasing and rounding, not layout slack
  const report = [];
  const inside = (a, b) =>
    a.x >= b.x - TOLERANCE && a.y >= b.y - TOLERANCE &&
    a.x + a.width <= b.x + b.width + TOLERANCE && a.y + a.height <= b.y + b.height + TOLERANCE;
  const overlap = (a, b) => {
    const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
    const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
    return w > TOLERANCE && h > TOLERANCE;
  };
  const box = (el) => {
    const b = el.getBBox();
    return { x: b.x, y: b.y, width: b.width, height: b.height };
  };
  for (const figure of document.querySelectorAll("figure")) {
    const name = figure.dataset.name;
    const svg = figure.querySelector("svg");
    const problems = [];
    const vb = svg.viewBox.baseVal;
    const canvas = { x: vb.x, y: vb.y, width: vb.width, height: vb.height };
    const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim());
    const boxes = texts.map((t) => ({ text: t.textContent.slice(0, 60), box: box(t) }));
    for (const t of boxes) {
      if (!inside(t.box, canvas)) problems.push(`outside the canvas: "${t.text}"`);
    }
    let cards = 0;
    for (const g of svg.querySelectorAll("g")) {
      const first = g.firstElementChild;
      if (!first || first.tagName !== "rect") continue;
      const rects = [...g.children].filter((c) => c.tagName === "rect").map(box);
      cards += rects.length;
      for (const child of g.children) {
        if (child.tagName !== "text" || !child.textContent.trim()) continue;
        const t = box(child);
        const start = { x: t.x + 1, y: t.y + t.height / 2, width: 0, height: 0 };
        const under = rects.filter((r) => inside(start, r));
        under.sort((a, b) => a.width * a.height - b.width * b.height);
        const label = `${g.id || "(no id)"}: "${child.textContent.slice(0, 60)}"`;
        if (!under.length) problems.push(`on no card in ${label}`);
        else if (!inside(t, under[0])) problems.push(`leaves its card ${label}`);
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (overlap(boxes[i].box, boxes[j].box)) {
          problems.push(`texts overlap: "${boxes[i].text}" and "${boxes[j].text}"`);
        }
      }
    }
    report.push({ name, texts: boxes.length, cards, problems });
  }
  document.getElementById("result").textContent = JSON.stringify(report);
})();
