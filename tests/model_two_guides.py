"""A model 2 guide with situations, fee alternatives, channels, times, deadlines and
step groups limited to situations, for the diff and review tests (it passes
``wikitool check --strict``)."""

from __future__ import annotations

PASSPORT_V2_PATH = "content/identity-and-travel/get-a-passport.md"
PASSPORT_V2 = """\
---
model: 2
title: Get a passport
summary: Apply for a Velorian passport in Veloria or from abroad.
category: identity-and-travel
agency: Veloria Passport Office
owner: Passport Office guidance team
last_reviewed: 2026-10-06
review_by: 2027-10-06
lang: en
situations:
  in-country: You live in Veloria
  abroad: You live abroad
fees:
  - label: Passport fee
    amount: 96
    currency: EUR
    when: [in-country]
  - label: Passport fee
    amount: 120
    currency: EUR
    when: [abroad]
  - choose_one:
      - label: Online
        amount: 86
        currency: EUR
      - label: Paper form
        amount: 95
        currency: EUR
    when: [in-country]
time:
  - kind: typical
    value: 12
    unit: months
  - kind: maximum
    min: 10
    max: 21
    unit: working_days
    when: [in-country]
deadlines:
  - label: Register to vote
    offset: {days: 28, before: election day}
    counts: postmarked
channels:
  - id: online
    type: online
    label: Online
    urls: [https://passports.veloria.invalid/apply]
  - id: by-post
    type: post
    label: By post
    addresses: ["Passport Office, PO Box 2210, Aldmere 1010"]
    when: [abroad]
documents:
  - name: Birth certificate
    when: [in-country]
  - name: Your current passport
    required: true
  - name: Proof of address abroad
    when: [abroad]
eligibility:
  - You are a Velorian citizen.
  - text: You have lived abroad for at least 6 months.
    when: [abroad]
---
## Steps

### Prepare

1. Fill in the form.

### Apply in Veloria {when: in-country}

1. Book an appointment at a Passport Office counter.

### Apply from abroad {when: abroad}

1. Send the form and your documents by post.

## Help

Call the Passport Office.
"""
