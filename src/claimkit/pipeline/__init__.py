"""The spaCy wiring: claimkit's tokenizer and components (imported on first use)."""
