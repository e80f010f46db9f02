"""A study plan towards an interview date: new cards a day per priority tier, and the review load that follows.

The load is an estimate from a simple model of Anki's default scheduling: a card answered "Good"
comes back after about 1, 3, 7, 17 and 40 days, and one review in ten is forgotten and relearnt.
"""
import math

INTERVALS = (1, 3, 7, 17, 40)  # days from learning a card to each of its reviews
LAPSE_RATE = 0.10  # share of reviews forgotten; each costs a relearning step and a review the next day
SECONDS_NEW = 30  # a new card: the first showing plus its same-day learning steps
SECONDS_REVIEW = 10


def daily_load(new_per_day, new_days, total_days):
    """Expected reviews on each day when ``new_per_day`` cards are started on each of the first ``new_days``."""
    reviews = [0.0] * total_days
    for start in range(new_days):
        for interval in INTERVALS:
            day = start + interval
            if day < total_days:
                reviews[day] += new_per_day * (1 + 2 * LAPSE_RATE)
    return reviews


def schedule(count, days, total_days):
    """(new cards a day, peak reviews a day, peak minutes a day) for ``count`` cards over ``days`` days."""
    per_day = math.ceil(count / days) if count else 0
    reviews = daily_load(per_day, days, total_days)
    peak = max(reviews, default=0.0)
    minutes = max((per_day * SECONDS_NEW if d < days else 0) + r * SECONDS_REVIEW
                  for d, r in enumerate(reviews)) / 60 if reviews else 0.0
    return per_day, round(peak), math.ceil(minutes)


def make_plan(cards, start, interview, minutes=None, spare_days=3):
    """The plan as text: per tier, new cards a day to finish ``spare_days`` before the interview."""
    active = [card for card in cards if not card.retired]
    core = sum(card.anki_cards() for card in active if card.priority == "core")
    deep = sum(card.anki_cards() for card in active if card.priority != "core")
    total_days = (interview - start).days
    days = total_days - spare_days
    if days < 1:
        raise ValueError(f"the interview is {total_days} day(s) away: leave at least one day for new cards "
                         f"(--spare-days is {spare_days})")
    lines = [f"{total_days} days until the interview on {interview.isoformat()}: new cards for {days} days, then "
             f"{spare_days} days of reviews only.", "",
             f"{'plan':<34}{'cards':>6}{'new/day':>9}{'peak reviews/day':>18}{'peak min/day':>14}"]
    fits = {}
    for label, count in (("core only (priority::core)", core), ("core, then deep (everything)", core + deep)):
        per_day, peak, peak_minutes = schedule(count, days, total_days)
        fits[label] = minutes is None or peak_minutes <= minutes
        lines.append(f"{label:<34}{count:>6}{per_day:>9}{peak:>18}{peak_minutes:>14}")
    lines += ["", "Set 'New cards/day' in the deck's options to the new/day above. In Anki, a filtered deck with",
              "the search  tag:priority::core  shows the core cards first (Tools > Create Filtered Deck)."]
    if minutes is not None:
        best = max((n for n in range(1, core + deep + 1)
                    if schedule(n * days, days, total_days)[2] <= minutes), default=0)
        verdict = [label for label, ok in fits.items() if ok]
        lines += ["", f"With {minutes} minutes a day: " + (f"'{verdict[-1]}' fits." if verdict else
                                                            "neither plan fits; start with the core cards.") +
                  f" At most about {best} new cards a day fit ({best * days} cards before the interview)."]
    lines += ["", "Estimate: reviews after about 1, 3, 7, 17 and 40 days with one in ten forgotten; "
              f"{SECONDS_NEW} s per new card, {SECONDS_REVIEW} s per review. Your own pace will differ."]
    return "\n".join(lines)
