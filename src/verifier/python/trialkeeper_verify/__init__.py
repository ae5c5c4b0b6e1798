"""An independent check of a TrialKeeper trial's randomisation from its sequence export and its
published commitment, written from src/verifier/SPECIFICATION.md with Python's standard library."""
