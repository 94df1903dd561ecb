// Measures every SVG on the page as Chromium lays it out, and reports what is wrong:
// text outside its card (in a <g> whose first child is a <rect>, a text's card is
// the smallest <rect> of the group under the text's start point: a group may
// hold several badges, or a card and its accent strip), texts overlapping each
// other, anything outside the canvas, and text below WCAG AA contrast against the
// topmost filled <rect> painted before it under its centre (4.5:1; 3:1 for large
// text). The result goes into <pre id="result">.
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
  const rgb = (value) => {
    const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(value || "");
    return m ? [+m[1], +m[2], +m[3]] : null;
  };
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
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
    // Contrast: each text against the last filled rect painted before it under its centre.
    const painted = [...svg.querySelectorAll("rect, text")];
    const backs = [];
    let checked = 0;
    for (const el of painted) {
      if (el.tagName === "rect") {
        const fill = rgb(getComputedStyle(el).fill);
        if (fill) backs.push({ box: box(el), fill });
        continue;
      }
      if (!el.textContent.trim()) continue;
      const t = box(el);
      const centre = { x: t.x + t.width / 2, y: t.y + t.height / 2, width: 0, height: 0 };
      let back = [255, 255, 255];
      for (let i = backs.length - 1; i >= 0; i--) {
        if (inside(centre, backs[i].box)) {
          back = backs[i].fill;
          break;
        }
      }
      const fore = rgb(getComputedStyle(el).fill);
      if (!fore) continue;
      checked++;
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      const bold = parseInt(style.fontWeight, 10) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const need = large ? 3 : 4.5;
      const got = ratio(fore, back);
      if (got < need - 0.005) {
        problems.push(`contrast ${got.toFixed(2)} < ${need}: "${el.textContent.slice(0, 60)}"`);
      }
    }
    report.push({ name, texts: boxes.length, cards, contrast: checked, problems });
  }
  document.getElementById("result").textContent = JSON.stringify(report);
})();
