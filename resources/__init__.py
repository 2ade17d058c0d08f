"""Data files: model database, fault catalogue, vendor error codes, icons. Loaded with importlib.resources."""
