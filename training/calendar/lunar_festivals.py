"""Write ``src/claimkit/resources/lunar_festivals.tsv``: the Gregorian dates of three festivals of
the Chinese lunar calendar, 1990-2060.

    python3 -m venv /tmp/lunar && /tmp/lunar/bin/pip install lunardate==0.3.0   # for this script only
    /tmp/lunar/bin/python training/calendar/lunar_festivals.py

Only the dates (facts) are kept; the package is not a dependency of claimkit.
"""

from __future__ import annotations

from pathlib import Path

from lunardate import LunarDate  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parents[2] / "src" / "claimkit" / "resources" / "lunar_festivals.tsv"
FESTIVALS = (("spring_festival", 1, 1), ("dragon_boat", 5, 5), ("mid_autumn", 8, 15))

HEADER = """\
# The Gregorian date of three festivals of the Chinese lunar calendar, per year: 春节 (the first day of
# the first month), 端午 (the fifth day of the fifth month) and 中秋 (the fifteenth day of the eighth month).
# They date the holidays of periods.tsv whose meaning names a festival (春节假期, 端午档, 中秋国庆双节).
# Source: computed with the lunardate package 0.3.0 (PyPI) by training/calendar/lunar_festivals.py; only
# the dates, which are facts of the calendar, are kept. Spot-checked: 春节 2024-02-10, 2025-01-29, 2026-02-17;
# 中秋 2025-10-06.
# columns: year	spring_festival	dragon_boat	mid_autumn
"""


def main() -> None:
    rows = [
        "\t".join([str(y), *(LunarDate(y, m, d).to_solar_date().isoformat() for _, m, d in FESTIVALS)])
        for y in range(1990, 2061)
    ]
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
