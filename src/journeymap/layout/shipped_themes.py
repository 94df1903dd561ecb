"""The shipped themes, parsed: what `tomllib.loads` gives for each file in themes/.

Generated from themes/*.toml by `python tools/gen_theme_data.py`
(`make generated`): do not edit. Each entry is the file's text and a function
returning a fresh copy of its parsed data; the theme loader uses it only when
the text it read is exactly that text (see `journeymap.layout.themes`).
"""

from collections.abc import Callable
from typing import Any


def _dark() -> dict[str, Any]:
    return {
        "name": "dark",
        "extends": "default",
        "palette": {
            "background": "#0d1117",
            "surface": "#161b22",
            "text": "#e6edf3",
            "muted": "#9da7b3",
            "grid": "#262c36",
            "border": "#30363d",
            "strong_border": "#8b949e",
            "stage_tints": [
                "#172235",
                "#17281f",
                "#2c2316",
                "#251c33",
                "#14282b",
                "#2e1a22",
            ],
            "stage_text": "#e6edf3",
            "thought_fill": "#1b2129",
            "pain": "#f0883e",
            "pain_fill": "#241a14",
            "delight": "#39c5cf",
            "delight_fill": "#12232a",
            "opportunity": "#9da7b3",
            "opportunity_fill": "#1b2129",
            "badge_fill": "#2d333b",
            "badge_text": "#e6edf3",
            "moment": "#e3b341",
            "fail": "#ff7b72",
            "switch": "#9da7b3",
            "hatch": "#2a313b",
            "neutral_line": "#6e7681",
            "chart_fill": "#11161d",
            "lane_tints": [
                "#12161c",
                "#131d2b",
                "#13201a",
                "#171b21",
                "#1b1925",
                "#211c15",
            ],
            "blueprint_line": "#9da7b3",
            "flow": "#6cb6ff",
            "sequence": "#8b949e",
        },
        "curves": {
            "colours": [
                "#58a6ff",
                "#ff9b7a",
                "#56d364",
                "#d2a8ff",
                "#e3b341",
            ],
        },
    }


def _default() -> dict[str, Any]:
    return {
        "name": "default",
        "palette": {
            "background": "#ffffff",
            "surface": "#ffffff",
            "text": "#1f2328",
            "muted": "#57606a",
            "grid": "#e4e7eb",
            "border": "#d0d7de",
            "strong_border": "#6e7781",
            "stage_tints": [
                "#eef3fb",
                "#eef7f0",
                "#fbf3e8",
                "#f4effa",
                "#ecf6f7",
                "#faeff2",
            ],
            "stage_text": "#1f2328",
            "thought_fill": "#f6f8fa",
            "pain": "#c2410c",
            "pain_fill": "#fff5ef",
            "delight": "#0e7490",
            "delight_fill": "#eef8fa",
            "opportunity": "#57606a",
            "opportunity_fill": "#f6f8fa",
            "badge_fill": "#eaeef2",
            "badge_text": "#1f2328",
            "moment": "#9a6700",
            "fail": "#cf222e",
            "switch": "#57606a",
            "hatch": "#d8dee4",
            "neutral_line": "#6e7781",
            "chart_fill": "#fbfcfd",
            "lane_tints": [
                "#f7f7f4",
                "#eef3fb",
                "#eff7f1",
                "#f5f6f8",
                "#f7f4fa",
                "#fbf5ec",
            ],
            "blueprint_line": "#57606a",
            "flow": "#0b5cad",
            "sequence": "#6e7781",
        },
        "typography": {
            "font_family": "Liberation Sans, Arial, Helvetica, sans-serif",
            "title_size": 24,
            "subtitle_size": 13,
            "header_size": 12,
            "stage_size": 14,
            "card_title_size": 13,
            "card_size": 12,
            "note_size": 11,
            "row_label_size": 12,
        },
        "spacing": {
            "margin": 32,
            "padding": 8,
            "gutter": 16,
            "row_gap": 14,
            "card_gap": 6,
            "paragraph_gap": 3,
            "radius": 6,
            "min_column": 132,
            "max_column": 200,
            "label_column": 112,
            "label_gap": 16,
            "header_gap": 10,
            "section_gap": 24,
            "persona_card_width": 260,
            "persona_gap": 16,
            "band_padding": 10,
            "accent_width": 4,
            "badge_padding": 5,
            "glyph_size": 12,
            "marker_size": 9,
            "emotion_level": 26,
            "legend_gap": 22,
            "min_header_width": 640,
            "flow_gutter": 40,
            "flow_track": 6,
            "arrow_size": 7,
            "lane_gap": 26,
            "lane_padding": 8,
            "port_gap": 7,
        },
        "lines": {
            "grid": 1,
            "card": 1,
            "tier_primary": 2.5,
            "tier_secondary": 1.25,
            "tier_tertiary": 1,
            "tertiary_dash": "3 2",
            "assumption_dash": "4 3",
            "curve": 2,
            "neutral": 1,
            "neutral_dash": "4 4",
            "hatch": 1,
            "hatch_spacing": 6,
            "glyph": 1.25,
            "interaction": 1.5,
            "interaction_dash": "",
            "visibility": 2.5,
            "visibility_dash": "9 5",
            "internal": 1.25,
            "internal_dash": "2 3",
            "flow": 1.5,
            "flow_async_dash": "5 3",
            "sequence": 1.25,
        },
        "curves": {
            "colours": [
                "#0b62c4",
                "#c4432b",
                "#2f7d32",
                "#7e3fb0",
                "#8a6100",
            ],
            "markers": [
                "circle",
                "diamond",
                "square",
                "triangle",
                "triangle-down",
            ],
            "dashes": [
                "",
                "6 4",
                "2 3",
                "8 3 2 3",
                "12 3 2 3 2 3",
            ],
        },
    }


def _high_contrast() -> dict[str, Any]:
    return {
        "name": "high-contrast",
        "extends": "default",
        "palette": {
            "text": "#000000",
            "muted": "#333333",
            "grid": "#8c8c8c",
            "border": "#4d4d4d",
            "strong_border": "#000000",
            "stage_tints": [
                "#f0f0f0",
                "#e0e0e0",
            ],
            "stage_text": "#000000",
            "thought_fill": "#ffffff",
            "pain": "#a61b00",
            "pain_fill": "#ffffff",
            "delight": "#004f8c",
            "delight_fill": "#ffffff",
            "opportunity": "#000000",
            "opportunity_fill": "#ffffff",
            "badge_fill": "#000000",
            "badge_text": "#ffffff",
            "moment": "#000000",
            "fail": "#b00000",
            "switch": "#000000",
            "hatch": "#c8c8c8",
            "neutral_line": "#000000",
            "chart_fill": "#ffffff",
            "lane_tints": [
                "#ffffff",
                "#f0f0f0",
                "#ffffff",
                "#f0f0f0",
                "#ffffff",
                "#f0f0f0",
            ],
            "blueprint_line": "#000000",
            "flow": "#0041a8",
            "sequence": "#000000",
        },
        "typography": {
            "card_title_size": 14,
            "card_size": 13,
            "note_size": 12,
            "row_label_size": 13,
        },
        "lines": {
            "card": 1.5,
            "tier_primary": 3,
            "tier_secondary": 1.75,
            "tier_tertiary": 1.25,
            "curve": 2.5,
            "neutral": 1.5,
            "glyph": 1.5,
            "interaction": 2,
            "visibility": 3,
            "internal": 1.75,
            "flow": 2,
            "sequence": 1.5,
        },
        "curves": {
            "colours": [
                "#0041a8",
                "#a61b00",
                "#005c1f",
                "#5c1a8c",
                "#000000",
            ],
        },
    }


def _print() -> dict[str, Any]:
    return {
        "name": "print",
        "extends": "default",
        "palette": {
            "text": "#000000",
            "muted": "#4d4d4d",
            "grid": "#d9d9d9",
            "border": "#bfbfbf",
            "strong_border": "#595959",
            "stage_tints": [
                "#f2f2f2",
                "#e6e6e6",
            ],
            "stage_text": "#000000",
            "thought_fill": "#f7f7f7",
            "pain": "#4d4d4d",
            "pain_fill": "#f2f2f2",
            "delight": "#808080",
            "delight_fill": "#ffffff",
            "opportunity": "#595959",
            "opportunity_fill": "#ffffff",
            "badge_fill": "#e6e6e6",
            "badge_text": "#000000",
            "moment": "#000000",
            "fail": "#000000",
            "switch": "#4d4d4d",
            "hatch": "#d9d9d9",
            "neutral_line": "#808080",
            "chart_fill": "#ffffff",
            "lane_tints": [
                "#ffffff",
                "#f2f2f2",
                "#ffffff",
                "#f2f2f2",
                "#ffffff",
                "#f2f2f2",
            ],
            "blueprint_line": "#4d4d4d",
            "flow": "#000000",
            "sequence": "#595959",
        },
        "curves": {
            "colours": [
                "#000000",
                "#4d4d4d",
                "#333333",
                "#666666",
                "#1a1a1a",
            ],
        },
    }


_DARK_TEXT = (
    "# journeymap dark theme: for dark wiki pages and slides.\n"
    'name = "dark"\n'
    'extends = "default"\n'
    "\n"
    "[palette]\n"
    'background = "#0d1117"\n'
    'surface = "#161b22"\n'
    'text = "#e6edf3"\n'
    'muted = "#9da7b3"\n'
    'grid = "#262c36"\n'
    'border = "#30363d"\n'
    'strong_border = "#8b949e"\n'
    'stage_tints = ["#172235", "#17281f", "#2c2316", "#251c33", "#14282b", "#2e1a22"]\n'
    'stage_text = "#e6edf3"\n'
    'thought_fill = "#1b2129"\n'
    'pain = "#f0883e"\n'
    'pain_fill = "#241a14"\n'
    'delight = "#39c5cf"\n'
    'delight_fill = "#12232a"\n'
    'opportunity = "#9da7b3"\n'
    'opportunity_fill = "#1b2129"\n'
    'badge_fill = "#2d333b"\n'
    'badge_text = "#e6edf3"\n'
    'moment = "#e3b341"\n'
    'fail = "#ff7b72"\n'
    'switch = "#9da7b3"\n'
    'hatch = "#2a313b"\n'
    'neutral_line = "#6e7681"\n'
    'chart_fill = "#11161d"\n'
    'lane_tints = ["#12161c", "#131d2b", "#13201a", "#171b21", "#1b1925", "#211c15"]\n'
    'blueprint_line = "#9da7b3"\n'
    'flow = "#6cb6ff"\n'
    'sequence = "#8b949e"\n'
    "\n"
    "[curves]\n"
    'colours = ["#58a6ff", "#ff9b7a", "#56d364", "#d2a8ff", "#e3b341"]\n'
)


_DEFAULT_TEXT = (
    "# journeymap default theme: light, calm, colour only where it means something.\n"
    "# Every number and colour the layout uses comes from here; other themes\n"
    "# `extends` this one and override what they change.\n"
    'name = "default"\n'
    "\n"
    "[palette]\n"
    'background = "#ffffff"\n'
    'surface = "#ffffff"          # card fill\n'
    'text = "#1f2328"\n'
    'muted = "#57606a"            # secondary text: channel names, scale, notes\n'
    'grid = "#e4e7eb"             # row separators and the label column rule\n'
    'border = "#d0d7de"           # card outlines (decoration only)\n'
    'strong_border = "#6e7781"    # touchpoint outlines: their weight shows the tier\n'
    'stage_tints = ["#eef3fb", "#eef7f0", "#fbf3e8", "#f4effa", "#ecf6f7", "#faeff2"]\n'
    'stage_text = "#1f2328"\n'
    'thought_fill = "#f6f8fa"\n'
    'pain = "#c2410c"             # warm accent strip\n'
    'pain_fill = "#fff5ef"\n'
    'delight = "#0e7490"          # cool accent strip\n'
    'delight_fill = "#eef8fa"\n'
    'opportunity = "#57606a"      # neutral accent\n'
    'opportunity_fill = "#f6f8fa"\n'
    'badge_fill = "#eaeef2"\n'
    'badge_text = "#1f2328"\n'
    'moment = "#9a6700"           # moment-of-truth star\n'
    'fail = "#cf222e"             # fail-point marker and biggest drop-off\n'
    'switch = "#57606a"           # channel-switch marker\n'
    'hatch = "#d8dee4"            # assumption hatching, faint so text stays legible\n'
    'neutral_line = "#6e7781"\n'
    'chart_fill = "#fbfcfd"\n'
    "# Service blueprint\n"
    'lane_tints = ["#f7f7f4", "#eef3fb", "#eff7f1", "#f5f6f8", "#f7f4fa", "#fbf5ec"]\n'
    'blueprint_line = "#57606a"   # the three named lines\n'
    'flow = "#0b5cad"             # flow arrows and their labels\' meaning\n'
    'sequence = "#6e7781"         # customer actions joined in order\n'
    "\n"
    "[typography]\n"
    'font_family = "Liberation Sans, Arial, Helvetica, sans-serif"\n'
    "title_size = 24\n"
    "subtitle_size = 13           # description\n"
    "header_size = 12             # scenario and expectations\n"
    "stage_size = 14\n"
    "card_title_size = 13         # step names\n"
    "card_size = 12               # every other card\n"
    "note_size = 11               # channel names, badges, counts, legend, scale\n"
    "row_label_size = 12\n"
    "\n"
    "[spacing]\n"
    "margin = 32\n"
    "padding = 8                  # inside a card\n"
    "gutter = 16                  # between step columns (room for the channel-switch marker)\n"
    "row_gap = 14                 # vertical space between rows\n"
    "card_gap = 6                 # between stacked cards in one cell\n"
    "paragraph_gap = 3            # between paragraphs inside a card\n"
    "radius = 6\n"
    "min_column = 132\n"
    "max_column = 200\n"
    "label_column = 112\n"
    "label_gap = 16\n"
    "header_gap = 10              # between header paragraphs\n"
    "section_gap = 24             # between header, personas, grid and legend\n"
    "persona_card_width = 260\n"
    "persona_gap = 16\n"
    "band_padding = 10\n"
    "accent_width = 4\n"
    "badge_padding = 5\n"
    "glyph_size = 12\n"
    "marker_size = 9              # emotion-curve markers\n"
    "emotion_level = 26           # vertical distance between two emotion scores\n"
    "legend_gap = 22              # between legend items\n"
    "min_header_width = 640\n"
    "flow_gutter = 40             # blueprint: between columns, room for flow tracks\n"
    "flow_track = 6               # between parallel flow tracks\n"
    "arrow_size = 7               # arrowhead length\n"
    "lane_gap = 26                # least height between two blueprint lanes\n"
    "lane_padding = 8             # inside a lane, above and below its cards\n"
    "port_gap = 7                 # least distance between flows attached to one card side\n"
    "\n"
    "[lines]\n"
    "grid = 1\n"
    "card = 1\n"
    "tier_primary = 2.5\n"
    "tier_secondary = 1.25\n"
    "tier_tertiary = 1\n"
    'tertiary_dash = "3 2"\n'
    'assumption_dash = "4 3"\n'
    "curve = 2\n"
    "neutral = 1\n"
    'neutral_dash = "4 4"\n'
    "hatch = 1\n"
    "hatch_spacing = 6\n"
    "glyph = 1.25\n"
    "interaction = 1.5            # line of interaction\n"
    'interaction_dash = ""\n'
    "visibility = 2.5             # line of visibility: the strongest, the classic dashed line\n"
    'visibility_dash = "9 5"\n'
    "internal = 1.25              # line of internal interaction\n"
    'internal_dash = "2 3"\n'
    "flow = 1.5\n"
    'flow_async_dash = "5 3"\n'
    "sequence = 1.25\n"
    "\n"
    "[curves]\n"
    'colours = ["#0b62c4", "#c4432b", "#2f7d32", "#7e3fb0", "#8a6100"]\n'
    'markers = ["circle", "diamond", "square", "triangle", "triangle-down"]\n'
    'dashes = ["", "6 4", "2 3", "8 3 2 3", "12 3 2 3 2 3"]  # one per curve\n'
)


_HIGH_CONTRAST_TEXT = (
    "# journeymap high-contrast theme: black on white, heavier lines, larger type.\n"
    'name = "high-contrast"\n'
    'extends = "default"\n'
    "\n"
    "[palette]\n"
    'text = "#000000"\n'
    'muted = "#333333"\n'
    'grid = "#8c8c8c"\n'
    'border = "#4d4d4d"\n'
    'strong_border = "#000000"\n'
    'stage_tints = ["#f0f0f0", "#e0e0e0"]\n'
    'stage_text = "#000000"\n'
    'thought_fill = "#ffffff"\n'
    'pain = "#a61b00"\n'
    'pain_fill = "#ffffff"\n'
    'delight = "#004f8c"\n'
    'delight_fill = "#ffffff"\n'
    'opportunity = "#000000"\n'
    'opportunity_fill = "#ffffff"\n'
    'badge_fill = "#000000"\n'
    'badge_text = "#ffffff"\n'
    'moment = "#000000"\n'
    'fail = "#b00000"\n'
    'switch = "#000000"\n'
    'hatch = "#c8c8c8"\n'
    'neutral_line = "#000000"\n'
    'chart_fill = "#ffffff"\n'
    'lane_tints = ["#ffffff", "#f0f0f0", "#ffffff", "#f0f0f0", "#ffffff", "#f0f0f0"]\n'
    'blueprint_line = "#000000"\n'
    'flow = "#0041a8"\n'
    'sequence = "#000000"\n'
    "\n"
    "[typography]\n"
    "card_title_size = 14\n"
    "card_size = 13\n"
    "note_size = 12\n"
    "row_label_size = 13\n"
    "\n"
    "[lines]\n"
    "card = 1.5\n"
    "tier_primary = 3\n"
    "tier_secondary = 1.75\n"
    "tier_tertiary = 1.25\n"
    "curve = 2.5\n"
    "neutral = 1.5\n"
    "glyph = 1.5\n"
    "interaction = 2\n"
    "visibility = 3\n"
    "internal = 1.75\n"
    "flow = 2\n"
    "sequence = 1.5\n"
    "\n"
    "[curves]\n"
    'colours = ["#0041a8", "#a61b00", "#005c1f", "#5c1a8c", "#000000"]\n'
)


_PRINT_TEXT = (
    "# journeymap print theme: greyscale for paper; meaning rides on glyphs,\n"
    "# dash patterns and markers, never on hue.\n"
    'name = "print"\n'
    'extends = "default"\n'
    "\n"
    "[palette]\n"
    'text = "#000000"\n'
    'muted = "#4d4d4d"\n'
    'grid = "#d9d9d9"\n'
    'border = "#bfbfbf"\n'
    'strong_border = "#595959"\n'
    'stage_tints = ["#f2f2f2", "#e6e6e6"]\n'
    'stage_text = "#000000"\n'
    'thought_fill = "#f7f7f7"\n'
    'pain = "#4d4d4d"\n'
    'pain_fill = "#f2f2f2"\n'
    'delight = "#808080"\n'
    'delight_fill = "#ffffff"\n'
    'opportunity = "#595959"\n'
    'opportunity_fill = "#ffffff"\n'
    'badge_fill = "#e6e6e6"\n'
    'badge_text = "#000000"\n'
    'moment = "#000000"\n'
    'fail = "#000000"\n'
    'switch = "#4d4d4d"\n'
    'hatch = "#d9d9d9"\n'
    'neutral_line = "#808080"\n'
    'chart_fill = "#ffffff"\n'
    'lane_tints = ["#ffffff", "#f2f2f2", "#ffffff", "#f2f2f2", "#ffffff", "#f2f2f2"]\n'
    'blueprint_line = "#4d4d4d"\n'
    'flow = "#000000"\n'
    'sequence = "#595959"\n'
    "\n"
    "[curves]\n"
    'colours = ["#000000", "#4d4d4d", "#333333", "#666666", "#1a1a1a"]\n'
)


THEMES: dict[str, tuple[str, Callable[[], dict[str, Any]]]] = {
    "dark.toml": (_DARK_TEXT, _dark),
    "default.toml": (_DEFAULT_TEXT, _default),
    "high-contrast.toml": (_HIGH_CONTRAST_TEXT, _high_contrast),
    "print.toml": (_PRINT_TEXT, _print),
}
