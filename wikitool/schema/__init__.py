"""The JSON Schema of guide front matter, shipped in the package."""
