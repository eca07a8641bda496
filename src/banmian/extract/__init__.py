"""Entity extraction."""

def extract_entities(text, **k):
    return []
