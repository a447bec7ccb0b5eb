"""Wiki-wide tasks that are neither review nor suggestions: init, check, new guide,
a guide's history, readers' feedback. Imports suggestions/ and the layers below it.
"""
