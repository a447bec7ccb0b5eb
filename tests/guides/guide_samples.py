"""Sample pages shared by the guide tests: a realistic guide and the wiki around it."""

from __future__ import annotations

import datetime as dt

GUIDE_PATH = "content/identity-and-travel/renew-an-adult-passport.md"

# Line numbers matter to the tests: title is line 2, fees start on line 9, the closing
# `---` is line 44, the body starts on line 45 and `## Steps` is line 53.
GUIDE = """\
---
title: Renew an adult passport
summary: Renew your passport if it has expired or will expire in the next 9 months.
category: identity-and-travel
agency: Veloria Passport Office
owner: Passport Office guidance team
last_reviewed: 2026-03-14
review_by: 2027-03-14
fees:
  - label: Online application
    amount: 75.5
    currency: EUR
  - label: Paper form by post
    amount: 86
    currency: EUR
    note: Includes return postage.
processing_time:
  min_days: 10
  max_days: 21
  note: Allow longer in June and July.
documents:
  - name: Your current passport
    required: true
  - name: A passport photo taken in the last month
    required: true
eligibility:
  - You are 16 or over.
  - Your current passport was issued in Veloria.
apply:
  online:
    url: https://services.veloria.invalid/passport/renew
  in_person:
    where: Any Citizen Service Point with a passport desk
  by_post:
    address: Veloria Passport Office, PO Box 2218, Aldmere 1010
legal_basis:
  - title: Passports Act 2019, section 12
    url: https://laws.veloria.invalid/passports-act-2019/section-12
tags:
  - passport
  - travel
lang: en
# Checked against form PA1, edition 2026.
---

Use this guide to renew an adult passport. For a child under 16, see
[apply for a child's passport](apply-for-a-child-passport.md).

## Before you start

Check that your name has not changed since your last passport.

## Steps

1. Get a digital passport photo.
2. Fill in the [online form](https://services.veloria.invalid/passport/renew).
3. Send your old passport to the address on your confirmation page.

## Get help

If it is lost, [report it first](../identity-and-travel/replace-a-lost-passport.md#report).
"""

WIKI_PATHS = frozenset(
    {
        "content/index.md",
        "content/identity-and-travel/index.md",
        GUIDE_PATH,
        "content/identity-and-travel/apply-for-a-child-passport.md",
        "content/identity-and-travel/replace-a-lost-passport.md",
        "content/housing/index.md",
        "content/housing/apply-for-housing-benefit.md",
        "content/assets/form-pa1.pdf",
    }
)

TODAY = dt.date(2026, 9, 21)


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must occur exactly once) replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)
