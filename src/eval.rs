//! Scoring an analysis against a gold folder (the format of `tests/gold/`).
