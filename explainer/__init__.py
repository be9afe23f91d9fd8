"""Build logic for the explainer site: data validation, the deficit chart, and social cards."""
