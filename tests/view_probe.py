"""What a kg view page draws, read back in the browser: the label boxes vis-network drew.

Used by tests/test_view_browser.py and benchmarks/view_overlap.py. The boxes come from
vis-network's own label objects after drawing (``labelModule.size``, canvas coordinates turned
into pixels of the network's element), not from kg's placement code, so they measure it.
"""

from __future__ import annotations

# Every drawn label on screen: vis-network's Label.visible() (a size above drawThreshold), in the
# visible part of the canvas, of a node not hidden by the legend.
DRAWN_LABELS_JS = """() => new Promise((done) => {
  const net = kgView.network;
  kgView.fitLabels();  // as the page does after any change of scale, at its next frame
  net.once("afterDrawing", () => {
    const box = document.getElementById("kg-network").getBoundingClientRect();
    const out = [];
    for (const id of net.body.nodeIndices) {
      const node = net.body.nodes[id], label = node.labelModule;
      if (node.options.hidden || !label.elementOptions.label || !label.visible()) continue;
      const s = label.size;
      const a = net.canvasToDOM({x: s.left, y: s.top});
      const b = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
      if (b.x < 0 || b.y < 0 || a.x > box.width || a.y > box.height) continue;
      out.push({id: id, text: label.elementOptions.label, left: a.x, top: a.y, right: b.x, bottom: b.y});
    }
    done(out);
  });
  net.redraw();
})"""


def overlapping(boxes: list[dict], tolerance: float = 0.5) -> list[tuple[dict, dict]]:
    """Pairs of label boxes that overlap by more than *tolerance* pixels both ways."""
    pairs = []
    ordered = sorted(boxes, key=lambda b: b["left"])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b["left"] >= a["right"] - tolerance:
                break
            if min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > tolerance \
                    and min(a["right"], b["right"]) - max(a["left"], b["left"]) > tolerance:
                pairs.append((a, b))
    return pairs


def overlap_share(boxes: list[dict]) -> float:
    """The share of drawn labels that overlap at least one other."""
    pairs = overlapping(boxes)
    touched = {box["id"] for pair in pairs for box in pair}
    return len(touched) / len(boxes) if boxes else 0.0
