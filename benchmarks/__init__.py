"""Benchmarks: claimkit's speed and memory side by side with peer libraries (see README.md)."""
