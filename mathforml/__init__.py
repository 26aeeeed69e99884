"""The syllabus engine: syllabus.yml in, reading order, paths and HTML out. Knows nothing of MkDocs."""
