"""Starter `.journey` files for `journeymap new`: small, valid, and commented to teach the language.

Each template compiles without a diagnostic (a test checks it), so a new
user's first render works before they change a line.
"""

from __future__ import annotations

MAP = """\
# A customer journey map. Render it with:  journeymap render THIS_FILE
# One statement per line; indentation is cosmetic (`journeymap fmt` sets it).
# A `#` at the start of a line, or after a space and followed by one, starts a comment.

journey: Order a coffee ahead
description: A commuter orders on the app and picks the coffee up on the way to work.
scenario: Sam wants coffee without queueing before the 8:15 train
expectation: The coffee is ready when Sam walks in

# Personas: `persona ID: Name`. IDs are how other lines refer to things.
persona sam: Sam Rivera
  role: Commuter, 31
  goal: Get a coffee without missing the train
  quote: Every minute counts in the morning.

# Channels and teams are declared once and referred to by ID in attributes.
channel app: Mobile app [kind=digital]
channel shop: Coffee shop [kind=physical]
team digital: Digital team
team baristas: Baristas

# Stages are the columns of the map; steps are what the customer does in them.
# Stages and steps without an ID get one from their name (`stage: Order` -> `order`).
stage: Order
  count: 1000 # customers who reached this stage; drives the funnel
  step: Opens the app [moment-of-truth]
    touchpoint: Home screen [channel=app, tier=primary, owner=digital]
    think: Will it be ready in time?
    emotion: +1 Hopeful # a whole number from -2 to +2, then an optional label
  step: Pays
    touchpoint: Checkout [channel=app]
    emotion: -1 Annoyed
    pain: The card form asks for the address again
    opportunity: Remember the card [owner=digital, priority=high]

stage: Pick up
  count: 940
  step: Collects the coffee
    touchpoint: Pick-up shelf [channel=shop, owner=baristas]
    emotion: +2 Relieved
    delight: The cup already has Sam's name on it
    metric wait: 40 s
"""

BLUEPRINT = """\
# A service blueprint. Render it with:  journeymap render THIS_FILE --view blueprint
# Each step can carry lane items below the customer's action: evidence (what the
# customer sees), frontstage (staff and systems the customer meets), backstage
# (work they do not see), support (systems and partners) and policy (rules).
# The three lines of the blueprint (interaction, visibility, internal
# interaction) are drawn between those lanes for you.

journey: Replace a lost bank card
scenario: Alex loses a debit card and needs a new one before the weekend

persona alex: Alex Kim
  goal: Block the old card and get a new one fast

channel app: Banking app [kind=digital]
channel phone: Phone line [kind=human]
team cards: Card operations
team support: Customer support

stage: Report
  step report: Reports the card lost
    touchpoint: Card settings [channel=app, tier=primary]
    emotion: -1 Worried
    evidence: Card settings screen
    # Quote a value to use `"`, `[` or `]` in it; escapes are \\", \\\\ and \\n.
    customer: "Taps \\"Lost or stolen\\""
    frontstage block: App blocks the card at once [owner=cards]
    backstage fraud: Fraud check on recent payments [owner=cards, duration=2m]
    support processor: Card processor API [system=CardCo]
    policy: Lost cards are blocked within one minute

stage: Replace
  step order: Orders a new card
    touchpoint: Phone call [channel=phone]
    emotion: 0
    customer: Calls the bank
    frontstage agent: Agent confirms the address [owner=support]
    backstage print: Card is printed and posted [owner=cards, duration=2d, fail-point]
    support mail: Postal service [system=Royal-Mail]

# Flows join lane items (or steps, or touchpoints) that depend on each other:
# `a -> b` is synchronous, `a --> b` asynchronous. Steps in order need no flow.
block -> processor: Blocks the card
processor --> fraud: Recent payments
agent -> print: Print request
print --> mail: Posts the card
"""

TEMPLATES: dict[str, str] = {"map": MAP, "blueprint": BLUEPRINT}
"""Template name -> starter text."""

RENDER_OPTIONS: dict[str, str] = {"map": "", "blueprint": " --view blueprint"}
"""Template name -> what its render command adds after the file, to draw the view it is for."""
