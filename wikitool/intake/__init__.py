"""The intake: an HTTP service for the static site's suggestion form and feedback widget.

It runs the same checks and writes the same branches as ``wikitool suggest submit``;
:mod:`wikitool.intake.app` has the API, :mod:`wikitool.intake.server` serves it.
Nothing is imported here, so the command line does not load the web stack unless it
serves.
"""
