"""Mail to citizens: header-safe addresses, the durable outbox, the messages and their
sending through the agency's relay. Imports gitstore.local_db, locales, errors.

Nothing is imported here: :mod:`wikitool.mail.outbox` is where a message starts.
"""
