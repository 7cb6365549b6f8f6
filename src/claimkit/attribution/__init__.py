"""Stage 4, attribution: entity mentions, reporting cues and the company rules."""
