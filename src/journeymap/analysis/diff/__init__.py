"""The semantic diff: two compiled journeys compared by ID, as text, Markdown, JSON or a picture."""
