"""Journeys built directly from the model, for layout and SVG tests.

`outpatient()` exercises everything the map draws (two personas, as-is and
to-be emotions, funnel counts, all channel kinds, flags, long labels, a URL,
CJK and emoji); `minimal()` and `one_step()` are small golden cases;
`generated(n)` is a large synthetic journey for timing.
"""

from __future__ import annotations

from journeymap.model.journey import (
    Channel,
    Emotion,
    Journey,
    Opportunity,
    Persona,
    Stage,
    Step,
    Team,
    Touchpoint,
)


def outpatient() -> Journey:
    """The knee-injury visit of VISUAL.md, with every row filled somewhere."""
    personas = (
        Persona(
            "tomas",
            "Tomas Berg",
            role=("Amateur footballer, 34",),
            goal=("Get back on the pitch before the season starts",),
            frustration=("Being passed between departments",),
            quote=("Just tell me what happens next.",),
        ),
        Persona(
            "ingrid",
            "Ingrid Berg",
            role=("Spouse and driver",),
            need=("A place to wait with a laptop and Wi-Fi",),
            quote=("Can I wait somewhere quiet?",),
        ),
    )
    channels = (
        Channel("phone", "Booking line", kind="human"),
        Channel("sms", "Text messages", kind="digital"),
        Channel("portal", "Patient portal", kind="digital"),
        Channel("desk", "Reception desk", kind="physical"),
        Channel("clinic", "Consultation room", kind="human"),
    )
    teams = (
        Team("booking", "Booking centre"),
        Team("front", "Front office"),
        Team("ortho", "Orthopaedics"),
        Team("billing", "Billing"),
        Team("digital", "Digital services"),
    )
    book = Stage(
        "book",
        "Book",
        count=900,
        metrics=(("answer rate", "81%"),),
        opportunities=(Opportunity("One number for every clinic", owner="booking"),),
        steps=(
            Step(
                "call",
                "Calls to book",
                touchpoints=(
                    Touchpoint(
                        "hotline", "Booking line", channel="phone", tier="primary", owner="booking"
                    ),
                ),
                thoughts=("Will they have a slot before the match?",),
                emotions=(
                    Emotion(-1, "Anxious", persona="tomas", variant="as-is"),
                    Emotion(1, "Booked online", persona="tomas", variant="to-be"),
                ),
                pains=("Hold music for six minutes",),
                opportunities=(
                    Opportunity("Online booking with live slots", owner="digital", priority="high"),
                ),
                metrics=(("wait", "6 min"),),
            ),
            Step(
                "confirm",
                "Receives a confirmation",
                touchpoints=(
                    Touchpoint(
                        "sms_confirm",
                        "Confirmation text",
                        channel="sms",
                        tier="secondary",
                        owner="digital",
                    ),
                    Touchpoint(
                        None,
                        "https://portal.example.org/appointments/confirm",
                        channel="portal",
                        tier="tertiary",
                        assumption=True,
                    ),
                ),
                emotions=(
                    Emotion(1, "Relieved", persona="tomas", variant="as-is"),
                    Emotion(1, "Relieved", persona="tomas", variant="to-be"),
                ),
                delights=("Map and parking link in the text",),
            ),
        ),
    )
    visit = Stage(
        "visit",
        "Visit",
        count=860,
        steps=(
            Step(
                "arrive",
                "Arrives and checks in at the desk",
                personas=("tomas", "ingrid"),
                touchpoints=(
                    Touchpoint(
                        "front_desk", "Front desk", channel="desk", tier="primary", owner="front"
                    ),
                    Touchpoint(
                        "kiosk",
                        "Check-in kiosk",
                        kind="digital",
                        channel="desk",
                        tier="secondary",
                        owner="front",
                    ),
                ),
                emotions=(
                    Emotion(0, "Lost", variant="as-is"),
                    Emotion(1, "Guided", variant="to-be"),
                ),
                pains=("No signage from the car park to orthopaedics",),
            ),
            Step(
                "wait",
                "Waits to be called",
                moment_of_truth=True,
                fail_point=True,
                personas=("tomas", "ingrid"),
                touchpoints=(
                    Touchpoint("screen", "Queue screen", kind="digital", tier="tertiary"),
                ),
                thoughts=("Have they forgotten me?", "Is it my turn yet?"),
                emotions=(
                    Emotion(-2, "Forgotten", persona="tomas", variant="as-is"),
                    Emotion(-1, "Bored", persona="ingrid", variant="as-is"),
                    Emotion(0, "Knows the wait", persona="tomas", variant="to-be"),
                ),
                pains=("Forty minutes past the appointment time", "Nowhere to charge a phone"),
                opportunities=(
                    Opportunity(
                        "Live queue position by text",
                        owner="digital",
                        priority="high",
                        assumption=True,
                    ),
                    Opportunity("Quiet room with sockets", owner="front", priority="low"),
                ),
                metrics=(("median wait", "42 min"),),
                count=820,
            ),
            Step(
                "consult",
                "Sees the specialist",
                moment_of_truth=True,
                personas=("tomas",),
                touchpoints=(
                    Touchpoint(
                        "doctor", "Consultation", channel="clinic", tier="primary", owner="ortho"
                    ),
                ),
                thoughts=("Finally someone who listens",),
                emotions=(
                    Emotion(2, "Understood", persona="tomas", variant="as-is"),
                    Emotion(2, "Understood", persona="tomas", variant="to-be"),
                ),
                delights=("Whiteboard sketch of the knee 👍",),
                metrics=(("CSAT", "4.6/5"),),
                count=800,
            ),
        ),
    )
    after = Stage(
        "after",
        "After the visit",
        count=610,
        steps=(
            Step(
                "pay",
                "Pays",
                assumption=True,
                touchpoints=(
                    Touchpoint(
                        "invoice", "Invoice", channel="portal", tier="secondary", owner="billing"
                    ),
                ),
                emotions=(Emotion(-1, "Confused", persona="tomas", variant="as-is"),),
                pains=("Invoice uses internal codes",),
                notes=("Billing pilot planned for the third quarter",),
                opportunities=(
                    Opportunity("Plain-language invoice lines", owner="billing", priority="medium"),
                ),
            ),
            Step(
                "physio",
                "理学療法を始める Starts physiotherapy",
                touchpoints=(
                    Touchpoint(
                        "app", "Exercise app 📱", channel="portal", tier="primary", owner="ortho"
                    ),
                ),
                thoughts=("毎日できるかな\uff1f",),  # ends with a full-width question mark
                emotions=(
                    Emotion(1, "Motivated", persona="tomas", variant="as-is"),
                    Emotion(2, "On track", persona="tomas", variant="to-be"),
                ),
            ),
        ),
    )
    return Journey(
        title="Outpatient visit for a knee injury",
        description="From booking an appointment to the follow-up plan.",
        scenario="Tomas twisted his knee at Sunday football and wants to be seen quickly.",
        expectations=("Seen within a week", "A plan before leaving"),
        personas=personas,
        channels=channels,
        teams=teams,
        stages=(book, visit, after),
    )


def minimal() -> Journey:
    """Two steps, one row each of actions and emotion: the smallest useful map."""
    return Journey(
        title="Minimal",
        stages=(
            Stage(
                "s",
                "Only stage",
                steps=(
                    Step("a", "First step", emotions=(Emotion(1, "Fine"),)),
                    Step("b", "Second step", emotions=(Emotion(-1),)),
                ),
            ),
        ),
    )


def one_step() -> Journey:
    """One unnamed stage, one step, one touchpoint and a pain: no title, no persona."""
    return Journey(
        stages=(
            Stage(
                None,
                None,
                steps=(
                    Step(
                        "only",
                        "Does the thing <&>",
                        touchpoints=(Touchpoint(None, "Website", kind="digital"),),
                        pains=("It is slow",),
                    ),
                ),
            ),
        ),
    )


def generated(steps: int, per_stage: int = 10) -> Journey:
    """A synthetic journey with `steps` steps, every row filled, for timing."""
    stages = []
    for s in range(0, steps, per_stage):
        items = []
        for i in range(s, min(steps, s + per_stage)):
            items.append(
                Step(
                    f"step{i}",
                    f"Step number {i} does something fairly ordinary",
                    touchpoints=(Touchpoint(None, f"Touchpoint {i}", kind="digital"),),
                    thoughts=(f"Thought about step {i}",),
                    emotions=(Emotion((i % 5) - 2, f"Feeling {i}"),),
                    pains=(f"Pain at step {i}",) if i % 3 == 0 else (),
                    opportunities=(Opportunity(f"Idea {i}", priority="low"),) if i % 4 == 0 else (),
                )
            )
        stages.append(
            Stage(f"stage{s}", f"Stage {s // per_stage}", count=10000 - s, steps=tuple(items))
        )
    return Journey(title=f"Generated journey of {steps} steps", stages=tuple(stages))
