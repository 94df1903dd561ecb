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
    // Blueprint flows: each label near its own arrow and nearer to it than to any
    // other, no two arrows along one segment, no arrowhead inside a card.
    const flowProblems = [];
    const flows = [...svg.querySelectorAll("g")].filter(
      (g) => /-flow-/.test(g.id) && !g.id.endsWith("-label") && g.querySelector("polyline"));
    const segmentsOf = (g) => {
      const pts = g.querySelector("polyline").getAttribute("points").trim().split(/\s+/)
        .map((p) => p.split(",").map(Number));
      // The arrowhead's tip closes the line: the head is part of the arrow.
      const head = g.querySelector("polygon");
      if (head) {
        const tip = head.getAttribute("points").trim().split(/\s+/)[0].split(",").map(Number);
        pts.push(tip);
      }
      const out = [];
      for (let i = 1; i < pts.length; i++) out.push([pts[i - 1], pts[i]]);
      return out;
    };
    const segs = new Map(flows.map((g) => [g.id, segmentsOf(g)]));
    const pointToSeg = (px, py, [[x1, y1], [x2, y2]]) => {
      const dx = x2 - x1, dy = y2 - y1;
      const len = dx * dx + dy * dy;
      const t = len ? Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len)) : 0;
      return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
    };
    const boxToSeg = (b, seg) => {
      // Orthogonal segments: the distance from a box is the least over its edges' samples.
      const [[x1, y1], [x2, y2]] = seg;
      const lo = { x: Math.min(x1, x2), y: Math.min(y1, y2) };
      const hi = { x: Math.max(x1, x2), y: Math.max(y1, y2) };
      const dx = Math.max(0, lo.x - (b.x + b.width), b.x - hi.x);
      const dy = Math.max(0, lo.y - (b.y + b.height), b.y - hi.y);
      if (x1 === x2 || y1 === y2) return Math.hypot(dx, dy);
      return pointToSeg(b.x + b.width / 2, b.y + b.height / 2, seg);
    };
    const distance = (b, id) => Math.min(...segs.get(id).map((seg) => boxToSeg(b, seg)));
    for (const g of svg.querySelectorAll("g")) {
      if (!/-flow-/.test(g.id) || !g.id.endsWith("-label")) continue;
      const own = g.id.slice(0, -"-label".length);
      const text = g.querySelector("text");
      if (!text || !segs.has(own)) continue;
      const b = box(text);
      const mine = distance(b, own);
      if (mine > 12) flowProblems.push(`label ${mine.toFixed(1)} px from its arrow: ${own}`);
      for (const other of segs.keys()) {
        if (other !== own && distance(b, other) <= mine) {
          flowProblems.push(`label of ${own} is as near to ${other}`);
        }
      }
    }
    const ids = [...segs.keys()];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        for (const [[a1x, a1y], [a2x, a2y]] of segs.get(ids[i])) {
          for (const [[b1x, b1y], [b2x, b2y]] of segs.get(ids[j])) {
            let shared = 0;
            if (a1x === a2x && b1x === b2x && Math.abs(a1x - b1x) < 1) {
              shared = Math.min(Math.max(a1y, a2y), Math.max(b1y, b2y)) -
                Math.max(Math.min(a1y, a2y), Math.min(b1y, b2y));
            } else if (a1y === a2y && b1y === b2y && Math.abs(a1y - b1y) < 1) {
              shared = Math.min(Math.max(a1x, a2x), Math.max(b1x, b2x)) -
                Math.max(Math.min(a1x, a2x), Math.min(b1x, b2x));
            }
            if (shared > 20) flowProblems.push(`${ids[i]} and ${ids[j]} share ${shared.toFixed(0)} px`);
          }
        }
      }
    }
    const cardRects = [...svg.querySelectorAll("g")]
      .filter((g) => /^[^-]+-(evidence|customer|frontstage|backstage|support|policy)-/.test(g.id))
      .map((g) => g.querySelector("rect")).filter(Boolean).map(box);
    for (const g of flows) {
      const head = g.querySelector("polygon");
      if (!head) continue;
      const hb = box(head);
      const centre = { x: hb.x + hb.width / 2, y: hb.y + hb.height / 2, width: 0, height: 0 };
      for (const r of cardRects) {
        const strictly = { x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2 };
        if (inside(centre, strictly)) flowProblems.push(`arrowhead inside a card: ${g.id}`);
      }
    }
    report.push({
      name, texts: boxes.length, cards, contrast: checked, flows: flows.length, problems,
      flowProblems,
    });
  }
  document.getElementById("result").textContent = JSON.stringify(report);
})();
